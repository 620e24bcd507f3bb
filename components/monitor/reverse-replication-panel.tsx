"use client";
import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { stopReverseReplicationAction } from "@/lib/actions/stop-reverse-replication";
import type { TReplicationState } from "@/lib/replication-store/read-replication";
import { Button } from "@/components/ui/button";
import { monitorKeys } from "./monitor-keys";
import { TimeAt } from "@/components/time/time-at";

/** The way back after cutover: whether writes to the new target still reach the old source, until when, and a recorded Stop. */
export function ReverseReplicationPanel({ migrationId, reverse, canOperate }: { migrationId: string; reverse: TReplicationState | undefined; canOperate: boolean }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const queryClient = useQueryClient();
  if (!reverse) return <p className="text-sm text-muted-fg" data-testid="reverse-replication">Reverse replication was not armed.</p>;
  const running = reverse.status === "running";
  const stop = () =>
    start(async () => {
      const r = await stopReverseReplicationAction({ migrationId });
      setMessage(r.ok ? { ok: true, text: "Reverse replication stopped." } : { ok: false, text: r.message });
      await queryClient.invalidateQueries({ queryKey: monitorKeys.migration(migrationId) });
    });
  return (
    <div className="space-y-2" data-testid="reverse-replication">
      <p className="text-sm">
        {running ? (
          <>Reverse replication <strong data-testid="reverse-status">armed</strong>: writes to the new target reach the old source until <TimeAt at={reverse.until} zone />, so switching back loses nothing.</>
        ) : (
          <>Reverse replication <strong data-testid="reverse-status">stopped</strong> <TimeAt at={reverse.stoppedAt} zone /> ({reverse.stopReason ?? "stopped"}{reverse.stoppedBy ? ` by ${reverse.stoppedBy}` : ""}).</>
        )}
      </p>
      {running && reverse.stats ? <p className="text-xs text-muted-fg">{reverse.stats.live.pendingKeys} pending · {reverse.stats.live.appliedTotal} applied · {reverse.stats.repairs} repair(s)</p> : null}
      {running && canOperate ? <Button variant="secondary" disabled={pending} onClick={stop} data-testid="reverse-stop">{pending ? "Stopping…" : "Stop reverse replication"}</Button> : null}
      {message ? <p className={message.ok ? "text-sm text-ok" : "text-sm text-danger"} role="status">{message.text}</p> : null}
    </div>
  );
}
