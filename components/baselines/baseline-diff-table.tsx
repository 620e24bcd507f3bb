import type { BaselineDiffRow } from "@/lib/redis/diff-baselines";
import { Badge } from "../ui/badge";
import { Table, Td, Th } from "../ui/table";
import { cn } from "../ui/cn";
import { fmtBaselineCell, fmtBaselineLabel, fmtStatus } from "@/lib/report/report-format";

const TONE = { same: "ok", differs: "danger", "expected-diff": "neutral" } as const;

export function BaselineDiffTable({ rows, left, right }: { rows: BaselineDiffRow[]; left: string; right: string }) {
  return (
    <Table data-testid="baseline-diff">
      <thead><tr><Th>What</Th><Th>{left}</Th><Th>{right}</Th><Th>Verdict</Th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.path} className={cn(r.status === "differs" && "bg-danger/5")} data-status={r.status}>
            <Td title={r.note}>{fmtBaselineLabel(r.label)}</Td>
            <Td className="font-mono text-xs">{fmtBaselineCell(r.path, r.a)}</Td>
            <Td className="font-mono text-xs">{fmtBaselineCell(r.path, r.b)}</Td>
            <Td><Badge tone={TONE[r.status]}>{fmtStatus(r.status)}</Badge></Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
