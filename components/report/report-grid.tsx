import type { ReactNode } from "react";
import { fmtStatus } from "@/lib/report/report-format";
import { Badge } from "../ui/badge";
import { Table, Td, Th } from "../ui/table";

export function Pairs({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
      {rows.map(([k, v]) => [<dt key={`${k}-t`} className="text-muted-fg">{k}</dt>, <dd key={`${k}-d`} className="min-w-0 [overflow-wrap:anywhere]">{v}</dd>])}
    </dl>
  );
}

export function Grid({ head, rows, testId }: { head: string[]; rows: ReactNode[][]; testId?: string }) {
  return (
    <Table data-testid={testId}>
      <thead><tr>{head.map((h, i) => <Th key={`${h}-${i}`} className="whitespace-nowrap">{h}</Th>)}</tr></thead>
      <tbody>
        {rows.length === 0 ? <tr><Td colSpan={head.length} className="text-muted-fg">None.</Td></tr> : rows.map((r, i) => <tr key={i}>{r.map((c, j) => <Td key={j}>{c}</Td>)}</tr>)}
      </tbody>
    </Table>
  );
}

const TONE = { pass: "ok", same: "ok", fail: "danger", differs: "danger", warn: "warn" } as const;

/** A status word coloured the way the rest of the console colours it. */
export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={TONE[status as keyof typeof TONE] ?? "neutral"}>{fmtStatus(status)}</Badge>;
}

/** Long values without spaces (keys, ARNs, event messages) wrap inside their cell instead of overflowing the card. */
export function Wrap({ children }: { children: ReactNode }) {
  return <span className="[overflow-wrap:anywhere]">{children}</span>;
}
