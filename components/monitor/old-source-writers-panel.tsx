"use client";
import { useQuery } from "@tanstack/react-query";
import type { TOldSourceWriters } from "@/lib/monitor/old-source-writers";
import { Table, Td, Th } from "@/components/ui/table";
import { TimeAt } from "@/components/time/time-at";
import { OLD_SOURCE_POLL_MS } from "@/lib/monitor/old-source-timing";
import { monitorKeys } from "./monitor-keys";

async function fetchWriters(migrationId: string): Promise<TOldSourceWriters> {
  const res = await fetch(`/api/v1/migrations/${encodeURIComponent(migrationId)}/old-source-clients`, { cache: "no-store" });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `Could not read the old source (${res.status}).`);
  return body;
}

/** After cutover: who still talks to the old source, so the instance that was not switched can be found. */
export function OldSourceWritersPanel({ migrationId, sourceName, live }: { migrationId: string; sourceName: string; live: boolean }) {
  const q = useQuery({
    queryKey: [...monitorKeys.migration(migrationId), "old-source-clients"],
    queryFn: () => fetchWriters(migrationId),
    refetchInterval: live ? OLD_SOURCE_POLL_MS : false,
  });
  if (q.isError) return <p className="text-sm text-warn" role="status">Old source not read: {(q.error as Error).message}</p>;
  if (!q.data) return <p className="text-sm text-muted-fg">Reading the old source&apos;s clients…</p>;
  const { clients, writes, windowMs, at } = q.data;
  const total = writes.reduce((n, w) => n + w.calls, 0);
  return (
    <div className="space-y-2 text-sm" data-testid="old-source-writers">
      <p className={total > 0 ? "font-semibold text-warn" : "text-ok"}>
        {total > 0
          ? `${total.toLocaleString("en-US")} write(s) reached ${sourceName} in ${windowMs / 1000} s: ${writes.map((w) => `${w.command} ${w.calls.toLocaleString("en-US")}`).join(", ")}.`
          : `No writes reached ${sourceName} in ${windowMs / 1000} s.`}{" "}
        <span className="font-normal text-muted-fg">(read <TimeAt at={at} precision="time" zone />)</span>
      </p>
      {clients.length === 0 ? <p className="text-muted-fg">No application is connected to the old source.</p> : (
        // Two stacked columns: four side by side overflow the 22rem side column this panel lives in.
        <Table className="table-fixed">
          <caption className="sr-only">Clients connected to the old source</caption>
          <thead><tr><Th>Client</Th><Th className="w-32">Last command</Th></tr></thead>
          <tbody>
            {clients.slice(0, 20).map((c) => (
              <tr key={`${c.addr}-${c.ageSeconds}`}>
                <Td className="text-xs">
                  <span className="block break-all font-mono">{c.addr}</span>
                  <span className="block break-all">{c.name || <span className="text-muted-fg">(no name)</span>}</span>
                </Td>
                <Td className="text-xs">
                  <span className="block break-all font-mono">{c.lastCommand}</span>
                  <span className="block text-muted-fg">idle {c.idleSeconds} s</span>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {clients.length > 20 ? <p className="text-xs text-muted-fg">{clients.length - 20} more, least recently active.</p> : null}
    </div>
  );
}
