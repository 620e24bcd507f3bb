import type { TEventRow } from "@/lib/events/list-events";
import { Badge } from "./ui/badge";
import { Table, Td, Th } from "./ui/table";
import { TimeAt, ZoneName, TextWithTimes } from "@/components/time/time-at";

const TONE = { info: "neutral", warn: "warn", error: "danger" } as const;

export function AuditLog({ events }: { events: TEventRow[] }) {
  if (events.length === 0) return <p className="text-sm text-muted-fg">Nothing recorded yet.</p>;
  return (
    <Table data-testid="audit-log">
      <thead>
        <tr><Th>When (<ZoneName />)</Th><Th>Event</Th><Th>Who</Th><Th>What</Th></tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <Td className="whitespace-nowrap font-mono text-xs"><TimeAt at={e.at} /></Td>
            <Td><Badge tone={TONE[e.level as keyof typeof TONE] ?? "neutral"}>{e.type}</Badge></Td>
            <Td className="text-muted-fg">{e.actorEmail ?? "system"}</Td>
            <Td><TextWithTimes text={e.message} /></Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
