import type { TCutoverGate } from "@/lib/monitor/cutover-gate";
import { Badge } from "@/components/ui/badge";

/** Each gate condition, live: what it requires, whether it holds, and what the samples showed. */
export function GatePanel({ gate }: { gate: TCutoverGate }) {
  return (
    <div data-testid="cutover-gate">
      <div className="mb-2 flex items-center gap-2">
        <span className="text-sm font-semibold">Cutover gate</span>
        <Badge tone={gate.open ? "ok" : "warn"}>{gate.open ? "open" : "closed"}</Badge>
      </div>
      <ul className="space-y-1.5">
        {gate.conditions.map((c) => (
          <li key={c.id} className="flex gap-2 text-sm" data-testid={`gate-${c.id}`} data-ok={c.ok}>
            <span aria-hidden className={c.ok ? "text-ok" : "text-danger"}>{c.ok ? "✓" : "✗"}</span>
            <span>
              <span className="font-medium">{c.label}</span>
              <span className="block text-xs text-muted-fg">{c.detail}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
