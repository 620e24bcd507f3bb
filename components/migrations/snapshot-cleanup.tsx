"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { runSnapshotCleanupAction } from "@/lib/actions/run-snapshot-cleanup";
import type { CleanupItem } from "@/lib/snapshot/plan-cleanup";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardTitle } from "../ui/card";
import { Table, Td, Th } from "../ui/table";
import { TextWithTimes } from "@/components/time/time-at";

/** The dry run of cleanup (what Ferry created, what exists now, what would go) and the confirmed delete. */
export function SnapshotCleanup({ migrationId, items, canOperate }: { migrationId: string; items: CleanupItem[]; canOperate: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [picked, setPicked] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string>();
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const remove = () =>
    start(async () => {
      const r = await runSnapshotCleanupAction({ migrationId, resourceIds: picked, confirm: true });
      setMessage(r.ok ? r.data.outcomes.map((o) => `${o.kind} ${o.identifier}: ${o.result}${o.message ? ` (${o.message})` : ""}`).join("\n") : r.message);
      setPicked([]);
      setConfirming(false);
      router.refresh();
    });
  return (
    <Card data-testid="snapshot-cleanup">
      <CardTitle>{items.some((i) => i.status === "deleted") ? "Cleanup" : "Cleanup (dry run)"}</CardTitle>
      <p className="mb-3 text-sm text-muted-fg">Only what this migration created is listed; Ferry never deletes anything else. Nothing is deleted until you pick resources and confirm.</p>
      {items.length === 0 ? <p className="text-sm text-muted-fg">Nothing created yet.</p> : (
        <Table>
          <thead><tr><Th></Th><Th>Kind</Th><Th>Account</Th><Th>Resource</Th><Th>Now</Th><Th>Cleanup would</Th></tr></thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} data-testid={`cleanup-${i.kind}`}>
                <Td>{canOperate && i.deletable ? <input type="checkbox" aria-label={`Delete ${i.identifier}`} checked={picked.includes(i.id)} onChange={() => toggle(i.id)} /> : null}</Td>
                <Td>{i.kind}</Td>
                <Td>{i.side}</Td>
                <Td className="font-mono text-xs">{i.identifier}</Td>
                <Td>{i.exists === null ? <Badge tone="warn">unknown</Badge> : i.exists ? <Badge tone="info">exists</Badge> : <Badge>gone</Badge>}</Td>
                <Td className="text-xs">{i.deletable ? "delete it" : <TextWithTimes text={i.note} />}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {canOperate && picked.length ? (
        confirming ? (
          <div className="mt-3 flex items-center gap-2">
            <span className="text-sm">Delete {picked.length} resource(s)? This cannot be undone.</span>
            <Button variant="danger" disabled={pending} onClick={remove}>{pending ? "Deleting…" : "Delete"}</Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>Cancel</Button>
          </div>
        ) : <Button className="mt-3" variant="danger" onClick={() => setConfirming(true)}>Delete selected…</Button>
      ) : null}
      {message ? <pre className="mt-3 whitespace-pre-wrap text-xs" role="status"><TextWithTimes text={message} /></pre> : null}
    </Card>
  );
}
