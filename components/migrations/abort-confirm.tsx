"use client";
import { useState } from "react";
import { Button } from "../ui/button";
import { Input } from "../ui/input";

/** Abort is destructive to the plan (replication stops): the operator types the target's name first. */
export function AbortConfirm({ targetName, stop, pending, onAbort }: { targetName: string; stop?: boolean; pending: boolean; onAbort: (typed: string) => void }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  if (!open) return <Button variant="danger" onClick={() => setOpen(true)}>{stop ? "Stop migration…" : "Abort…"}</Button>;
  const says = stop
    ? {
        verb: "stop",
        button: "Stop migration",
        body: <>StopMigration stops the sync into <strong>{targetName}</strong>. The migration endpoint keeps serving the source, so clients on it
          are not affected; a restart replaces the cache&apos;s data (ClearTargetCacheData). Type the target&apos;s name to confirm.</>,
      }
    : {
        verb: "abort",
        button: "Abort migration",
        body: <>Abort stops replication into <strong>{targetName}</strong> (CompleteMigration with Force, or REPLICAOF NO ONE). The target keeps
          what it copied so far and becomes writable; the source is untouched. Type the target&apos;s name to confirm.</>,
      };
  return (
    <div className="space-y-2 rounded-md border border-danger/40 p-3" data-testid="abort-confirm">
      <p className="text-sm">{says.body}</p>
      <Input aria-label={`Target name to confirm ${says.verb}`} value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={targetName} />
      <div className="flex gap-2">
        <Button variant="danger" disabled={pending || typed.trim() !== targetName} onClick={() => onAbort(typed)}>{says.button}</Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
      </div>
    </div>
  );
}
