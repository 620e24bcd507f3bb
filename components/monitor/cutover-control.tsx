"use client";
import { useCallback, useRef, useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { cutoverMigrationAction } from "@/lib/actions/cutover-migration";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useFocusTrap } from "@/components/ui/use-focus-trap";
import { monitorKeys } from "./monitor-keys";

/**
 * "Cut over" is enabled only while the gate is open and the migration is in sync; the operator
 * then types the target's name, so a click alone never promotes a target.
 */
export function CutoverControl(props: { migrationId: string; targetName: string; gateOpen: boolean; state: string; canOperate: boolean; replicate?: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const cancel = useCallback(() => setConfirming(false), []);
  useFocusTrap(dialog, confirming, cancel, opener);
  const allowed = props.canOperate && props.gateOpen && props.state === "in-sync";
  const why = !props.canOperate ? "Needs the operator role." : props.state !== "in-sync" ? `Cutover is possible in state in-sync (now ${props.state}).` : !props.gateOpen ? "The gate is closed." : null;

  const submit = () => {
    // A refusal from an earlier attempt (the gate closed for a moment) is not this attempt's answer.
    setMessage(null);
    start(async () => {
      const r = await cutoverMigrationAction({ migrationId: props.migrationId, confirmName: typed });
      const done = props.replicate ? "Confirmed: Ferry drains and runs the final verification; it tells you when to switch clients." : "Cutover requested: the runner promotes the target now.";
      setMessage(r.ok ? { ok: true, text: done } : { ok: false, text: r.message });
      if (r.ok) setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: monitorKeys.migration(props.migrationId) });
    });
  };

  return (
    <div className="space-y-2" data-testid="cutover-control">
      {/* Stays mounted while the dialog is open, so Escape or Cancel can give it focus back. */}
      <Button ref={opener} disabled={!allowed || pending || confirming} aria-expanded={confirming} onClick={() => setConfirming(true)} data-testid="cutover-button">Cut over…</Button>
      {confirming ? (
        <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby="cutover-dialog-title" className="space-y-2 rounded-md border border-warn/50 p-3" data-testid="cutover-dialog">
          <h3 id="cutover-dialog-title" className="text-sm font-semibold">Cut over to {props.targetName}</h3>
          <label className="block text-sm">
            {props.replicate ? (
              <span className="mb-1 block">Step 1 of 2. Stop writes to the source first, and keep clients off the target: Ferry repairs the target to match the source.</span>
            ) : null}
            Type the target&apos;s name <span className="font-mono font-semibold">{props.targetName}</span> to {props.replicate ? "confirm writes to the source are stopped" : "promote it"}:
            <Input className="mt-1" value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus data-testid="cutover-confirm-name"
              onKeyDown={(e) => { if (e.key === "Enter" && typed === props.targetName && allowed && !pending) submit(); }} />
          </label>
          <div className="flex gap-2">
            <Button variant="danger" disabled={typed !== props.targetName || !allowed || pending} onClick={submit} data-testid="cutover-submit">
              {pending ? "Requesting…" : props.replicate ? "Writes stopped: verify now" : "Cut over now"}
            </Button>
            <Button variant="secondary" onClick={cancel}>Cancel</Button>
          </div>
        </div>
      ) : null}
      {why && !confirming && <p className="text-xs text-muted-fg">{why}</p>}
      {message && <p className={message.ok ? "text-sm text-ok" : "text-sm text-danger"} role="status">{message.text}</p>}
    </div>
  );
}
