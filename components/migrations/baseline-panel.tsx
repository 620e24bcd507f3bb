"use client";
import Link from "next/link";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { captureBaselineAction } from "@/lib/actions/capture-baseline";
import type { TMigrationView } from "@/lib/migrations/get-migration";
import type { TBaselineRow } from "@/lib/baselines/list-baselines";
import { Button } from "../ui/button";
import { Card, CardTitle } from "../ui/card";
import { Table, Td, Th } from "../ui/table";
import { formatBytes } from "@/lib/format-bytes";
import { replicaHealth } from "@/lib/redis/replica-health";
import { TimeAt, ZoneName } from "@/components/time/time-at";

type Props = { migration: TMigrationView; baselines: TBaselineRow[]; canOperate: boolean; locked: boolean };

export function BaselinePanel({ migration, baselines, canOperate, locked }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const capture = (endpointId: string) =>
    start(async () => {
      const r = await captureBaselineAction({ endpointId, label: "before", migrationId: migration.id });
      setError(r.ok ? undefined : r.message);
      router.refresh();
    });
  const latest = (endpointId: string) => baselines.find((b) => b.endpointId === endpointId);
  const src = latest(migration.source.id);
  const tgt = latest(migration.target.id);
  return (
    <Card data-testid="baselines" className={locked ? "opacity-60" : undefined}>
      <CardTitle>2. Baselines</CardTitle>
      {locked ? <p className="text-sm text-muted-fg">Clear the pre-flight checks first.</p> : (
        <>
          <p className="mb-3 text-sm text-muted-fg">Key counts, memory, persistence and replication of both ends, recorded before anything moves (read-only).</p>
          {canOperate ? (
            <div className="mb-4 flex gap-2">
              <Button variant="secondary" disabled={pending} onClick={() => capture(migration.source.id)}>Capture source baseline</Button>
              <Button variant="secondary" disabled={pending} onClick={() => capture(migration.target.id)}>Capture target baseline</Button>
              {src && tgt ? <Link className="inline-flex h-9 items-center px-2 text-sm text-primary underline" href={`/baselines/compare?a=${src.id}&b=${tgt.id}`}>Compare side by side</Link> : null}
            </div>
          ) : null}
          {baselines.length ? (
            <Table>
              <thead><tr><Th>Endpoint</Th><Th>Label</Th><Th>Captured (<ZoneName />)</Th><Th>Keys</Th><Th>Memory used</Th><Th>Role</Th><Th>Persistence</Th></tr></thead>
              <tbody>
                {baselines.map((b) => (
                  <tr key={b.id} data-testid={`baseline-${b.endpointName}`}>
                    <Td>{b.endpointName}</Td>
                    <Td>{b.label}</Td>
                    <Td className="font-mono text-xs"><TimeAt at={b.capturedAt} /></Td>
                    <Td>{b.baseline.totalKeys.toLocaleString("en-US")}</Td>
                    <Td>{formatBytes(b.baseline.memory.used)}</Td>
                    <Td>{b.baseline.replication.role}</Td>
                    <Td className="text-xs">AOF {b.baseline.persistence.aofEnabled ? "on" : "off"} · last BGSAVE {b.baseline.persistence.rdbLastBgsaveStatus ?? "?"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : <p className="text-sm text-muted-fg">None captured yet.</p>}
          {src && src.baseline.replication.replicas.length ? <ReplicaHealthNote row={src} /> : null}
        </>
      )}
      {error ? <p role="alert" className="mt-2 text-sm text-danger">{error}</p> : null}
    </Card>
  );
}

/** Seed 004 step 2: a source's replicas should agree with its offset before anything is snapshotted. */
function ReplicaHealthNote({ row }: { row: TBaselineRow }) {
  const h = replicaHealth(row.baseline);
  return (
    <div className="mt-3 text-sm" data-testid="replica-health">
      <p className={h.overall === "ok" ? "text-ok" : "text-warn"}>{h.message}</p>
      <ul className="mt-1 font-mono text-xs text-muted-fg">
        {h.replicas.map((r) => <li key={r.address}>{r.address}: offset {r.offset?.toLocaleString("en-US") ?? "?"}, {formatBytes(r.lagBytes, "?")} behind, {r.status}</li>)}
      </ul>
    </div>
  );
}
