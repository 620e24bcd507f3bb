import { Card, CardTitle } from "../ui/card";
import { Table, Td, Th } from "../ui/table";
import { Badge } from "../ui/badge";

type TDelivery = { id: string; kind: string; status: string; attempts: number; lastStatus: number | null; lastError: string | null; createdAt: string };
type THook = { id: string; url: string; format: string; events: string[]; deliveries: TDelivery[] };

const TONE = { delivered: "ok", pending: "warn", failed: "danger" } as const;

/** Webhooks and their latest deliveries; they are registered through POST /api/v1/webhooks. */
export function WebhooksAdmin({ hooks }: { hooks: THook[] }) {
  return (
    <Card>
      <CardTitle>Webhooks</CardTitle>
      <p className="mb-3 text-sm text-muted-fg">Registered with <code>POST /api/v1/webhooks</code>; each delivery is signed (<code>X-Ferry-Signature</code>) and retried with backoff.</p>
      {hooks.length === 0 ? <p className="text-sm text-muted-fg">No webhooks.</p> : null}
      {hooks.map((h) => (
        <div key={h.id} className="mb-4" data-testid={`webhook-${h.id}`}>
          <p className="text-sm"><code>{h.url}</code> · {h.format} · {h.events.join(", ")}</p>
          <Table>
            <thead><tr><Th>When</Th><Th>Event</Th><Th>Status</Th><Th>Attempts</Th><Th>Last answer</Th></tr></thead>
            <tbody>
              {h.deliveries.map((d) => (
                <tr key={d.id}>
                  <Td>{d.createdAt.slice(0, 19).replace("T", " ")}</Td>
                  <Td>{d.kind}</Td>
                  <Td><Badge tone={TONE[d.status as keyof typeof TONE] ?? "neutral"}>{d.status}</Badge></Td>
                  <Td>{d.attempts}</Td>
                  <Td>{d.lastError ?? d.lastStatus ?? "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      ))}
    </Card>
  );
}
