"use client";
import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { TMonitorData } from "@/lib/monitor/get-monitor-data";
import { confirmClientsSwitchedAction } from "@/lib/actions/confirm-clients-switched";
import { Button } from "@/components/ui/button";
import { monitorKeys } from "./monitor-keys";

const perSec = (v: number | null | undefined) => (v == null ? "unknown" : `${Math.round(v).toLocaleString("en-US")}/s`);

/**
 * A replicate cutover in two steps. Step 1 (writes to the source stopped, confirmed): Ferry drains,
 * verifies and repairs, showing writes that still reach the source. Step 2, only when that is clean:
 * switch clients to the target and confirm; Ferry records the cutover.
 */
export function ReplicateCutoverPanel({ data, canOperate }: { data: TMonitorData; canOperate: boolean }) {
  const phase = data.replicateCutover;
  const { sourceName, targetName, id } = data.migration;
  const writes = data.latest?.repl?.sourceWritesPerSec;
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const queryClient = useQueryClient();
  const confirm = () =>
    start(async () => {
      const r = await confirmClientsSwitchedAction({ migrationId: id });
      setMessage(r.ok ? { ok: true, text: "Recorded: Ferry stops replicating and records the cutover." } : { ok: false, text: r.message });
      await queryClient.invalidateQueries({ queryKey: monitorKeys.migration(id) });
    });

  if (!phase || phase.phase === "verifying") {
    return (
      <div className="space-y-2 text-sm" data-testid="replicate-cutover" data-phase="verifying">
        <h3 className="font-semibold">Cutover step 1 of 2: final verification</h3>
        <p>Keep every client off {targetName}. Ferry drains what is pending, compares every key and repairs what differs.</p>
        <p className={writes ? "font-semibold text-warn" : "text-muted-fg"} data-testid="cutover-source-writes">
          Writes still arriving at {sourceName}: {perSec(writes)}{writes ? ". Stop them: the final verification waits for the source to be quiet." : ""}
        </p>
        {phase?.note ? <p className="text-xs text-muted-fg">{phase.note}</p> : null}
      </div>
    );
  }
  return (
    <div className="space-y-2 text-sm" data-testid="replicate-cutover" data-phase="switch-clients">
      <h3 className="font-semibold">Cutover step 2 of 2: switch clients</h3>
      <p data-testid="cutover-verified">
        Final verification clean: {targetName} matches {sourceName}
        {phase.differences ? ` (${phase.differences} difference(s) found and repaired${phase.kinds ? `: ${phase.kinds}` : ""})` : ""}. Switch your clients to {targetName} now, then confirm.
      </p>
      <Button disabled={!canOperate || pending} onClick={confirm} data-testid="clients-switched">
        {pending ? "Recording…" : `Clients now use ${targetName}`}
      </Button>
      {!canOperate && <p className="text-xs text-muted-fg">Needs the operator role.</p>}
      {message && <p className={message.ok ? "text-ok" : "text-danger"} role="status">{message.text}</p>}
    </div>
  );
}
