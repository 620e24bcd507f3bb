"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { saveReplicateOptionsAction } from "@/lib/actions/save-replicate-options";
import type { TReplicateOptions } from "@/lib/replication-store/replicate-options";
import { Button } from "../ui/button";
import { Card, CardTitle } from "../ui/card";
import { Field, Input, Select } from "../ui/input";

type Props = { migrationId: string; targetName: string; options: TReplicateOptions; editable: boolean; canOperate: boolean };

/** The operator's choices for key-level replication; emptying the target needs its name typed. */
export function ReplicateOptions({ migrationId, targetName, options, editable, canOperate }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [f, setF] = useState(() => ({
    copyMode: options.copyMode, bigKeyMiB: String(options.bigKeyBytes / 1024 / 1024), reverseHours: String(options.reverseWindowHours),
    empty: options.emptyTargetFirst, confirm: options.emptyTargetConfirm ?? "",
  }));
  const set = (k: keyof typeof f) => (e: { target: { value: string; checked?: boolean; type?: string } }) =>
    setF((p) => ({ ...p, [k]: e.target.type === "checkbox" ? !!e.target.checked : e.target.value }));
  const save = () =>
    start(async () => {
      const r = await saveReplicateOptionsAction({
        migrationId,
        options: {
          ...options, copyMode: f.copyMode, bigKeyBytes: Math.round(Number(f.bigKeyMiB) * 1024 * 1024), reverseWindowHours: Number(f.reverseHours),
          emptyTargetFirst: f.empty, emptyTargetConfirm: f.empty ? f.confirm : undefined,
        },
      });
      setSaved(r.ok);
      setError(r.ok ? undefined : r.fieldErrors ? `${r.message} ${Object.entries(r.fieldErrors).map(([k, v]) => `${k}: ${v}`).join("; ")}` : r.message);
      router.refresh();
    });
  const disabled = !editable || !canOperate || pending;
  return (
    <Card data-testid="replicate-options">
      <CardTitle>Replication options</CardTitle>
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Copy mode" htmlFor="ro-mode">
          <Select id="ro-mode" value={f.copyMode} onChange={set("copyMode")} disabled={disabled}>
            <option value="auto">Auto (RESTORE, type-level when refused)</option>
            <option value="restore">RESTORE only</option>
            <option value="type-level">Type-level (Active-Active targets)</option>
          </Select>
        </Field>
        <Field label="Big key threshold (MiB, copied in chunks)" htmlFor="ro-big"><Input id="ro-big" type="number" min={0.001} step="any" value={f.bigKeyMiB} onChange={set("bigKeyMiB")} disabled={disabled} /></Field>
        <Field label="Reverse replication after cutover (hours, 0 = none)" htmlFor="ro-rev"><Input id="ro-rev" type="number" min={0} value={f.reverseHours} onChange={set("reverseHours")} disabled={disabled} data-testid="ro-reverse-hours" /></Field>
      </div>
      <div className="mt-4 space-y-2 text-sm">
        <label className="flex items-start gap-2"><input type="checkbox" checked={f.empty} onChange={set("empty")} disabled={disabled} data-testid="ro-empty" />
          <span>Empty the target first (FLUSHALL on {targetName} before copying). Otherwise a target holding keys stops the run.</span></label>
        {f.empty ? <Field label={`Type the target's name (${targetName}) to allow it`} htmlFor="ro-confirm"><Input id="ro-confirm" value={f.confirm} onChange={set("confirm")} disabled={disabled} /></Field> : null}
      </div>
      {error ? <p className="mt-3 text-sm text-danger">{error}</p> : null}
      {saved && !error ? <p role="status" className="mt-3 text-sm text-ok">Options saved.</p> : null}
      {canOperate ? (
        <div className="mt-4 flex items-center gap-3">
          <Button disabled={disabled} onClick={save} data-testid="ro-save">{pending ? "Saving…" : "Save options"}</Button>
          {!editable ? <span className="text-xs text-muted-fg">Options can change before the start, or after a failed step (then Retry).</span> : null}
        </div>
      ) : null}
    </Card>
  );
}
