import type { TBaselineRow } from "@/lib/baselines/list-baselines";
import { Button } from "../ui/button";
import { Select } from "../ui/input";
import { Table, Td, Th } from "../ui/table";
import { formatBytes } from "@/lib/format-bytes";
import { TimeAt } from "@/components/time/time-at";

/** Recent baselines of every endpoint, and a form to put any two side by side. */
export function BaselineList({ rows }: { rows: TBaselineRow[] }) {
  const option = (b: TBaselineRow) => (
    <option key={b.id} value={b.id}>{b.endpointName} · {b.label} · {b.capturedAt.replace("T", " ").slice(0, 19)}</option>
  );
  return (
    <>
      <Table>
        <thead><tr><Th>Endpoint</Th><Th>Label</Th><Th>Captured (UTC)</Th><Th>By</Th><Th>Keys</Th><Th>Memory used</Th></tr></thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.id}>
              <Td>{b.endpointName}</Td><Td>{b.label}</Td>
              <Td className="font-mono text-xs"><TimeAt at={b.capturedAt} /></Td>
              <Td className="text-muted-fg">{b.capturedBy ?? "runner"}</Td>
              <Td>{b.baseline.totalKeys.toLocaleString("en-US")}</Td>
              <Td>{formatBytes(b.baseline.memory.used)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {rows.length >= 2 ? (
        <form action="/baselines/compare" method="get" className="mt-4 flex flex-wrap items-center gap-2 text-sm" aria-label="Compare baselines">
          <Select name="a" aria-label="First baseline" defaultValue={rows[1].id} className="w-auto">{rows.map(option)}</Select>
          <span>vs</span>
          <Select name="b" aria-label="Second baseline" defaultValue={rows[0].id} className="w-auto">{rows.map(option)}</Select>
          <Button type="submit" variant="secondary">Compare</Button>
        </form>
      ) : null}
    </>
  );
}
