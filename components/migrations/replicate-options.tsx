"use client";
import { useState } from "react";
import { saveReplicateOptionsAction } from "@/lib/actions/save-replicate-options";
import type { TReplicateOptions } from "@/lib/replication-store/replicate-options";
import { Card, CardTitle } from "../ui/card";
import { Field, Input, Select } from "../ui/input";
import { useSaveOptions } from "./use-save-options";
import { OptionsSaveRow } from "./options-save-row";

type Props = { migrationId: string; targetName: string; options: TReplicateOptions; editable: boolean; canOperate: boolean };

/** The operator's choices for key-level replication; emptying the target needs its name typed. */
export function ReplicateOptions({ migrationId, targetName, options, editable, canOperate }: Props) {
  const { pending, error, saved, save: saveWith } = useSaveOptions();
  const [f, setF] = useState(() => ({
    copyMode: options.copyMode, bigKeyMiB: String(options.bigKeyBytes / 1024 / 1024), reverseHours: String(options.reverseWindowHours),
    empty: options.emptyTargetFirst, confirm: options.emptyTargetConfirm ?? "",
  }));
  const set = (k: keyof typeof f) => (e: { target: { value: string; checked?: boolean; type?: string } }) =>
    setF((p) => ({ ...p, [k]: e.target.type === "checkbox" ? !!e.target.checked : e.target.value }));
  const save = () =>
    saveWith(() =>
      saveReplicateOptionsAction({
        migrationId,
        options: {
          ...options, copyMode: f.copyMode, bigKeyBytes: Math.round(Number(f.bigKeyMiB) * 1024 * 1024), reverseWindowHours: Number(f.reverseHours),
          emptyTargetFirst: f.empty, emptyTargetConfirm: f.empty ? f.confirm : undefined,
        },
      }),
    );
  const disabled = !editable || !canOperate || pending;
  return (
    <Card data-testid="replicate-options">
      <CardTitle>Replication options</CardTitle>
      <div className="grid gap-4 md:grid-cols-3 md:items-end">
        <Field label="Copy mode" htmlFor="ro-mode">
          <Select id="ro-mode" value={f.copyMode} onChange={set("copyMode")} disabled={disabled}>
            <option value="auto">Auto: RESTORE, by type if refused</option>
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
      <OptionsSaveRow error={error} saved={saved} pending={pending} disabled={disabled} editable={editable} canOperate={canOperate} onSave={save} testId="ro-save" />
    </Card>
  );
}
