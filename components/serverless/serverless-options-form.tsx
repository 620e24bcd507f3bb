"use client";
import { useState } from "react";
import { saveServerlessOptionsAction } from "@/lib/actions/save-serverless-options";
import type { TServerlessOptions } from "@/lib/serverless/serverless-options";
import { Card, CardTitle } from "../ui/card";
import { Field, Input, Select } from "../ui/input";
import { useSaveOptions } from "../migrations/use-save-options";
import { OptionsSaveRow } from "../migrations/options-save-row";

type Props = { migrationId: string; cacheName: string; options: TServerlessOptions | null; editable: boolean; canOperate: boolean };

/** Cutover mode, source AUTH as a secret ARN (never a password), TLS mode, and the typed consent to clear the cache. */
export function ServerlessOptionsForm({ migrationId, cacheName, options, editable, canOperate }: Props) {
  const { pending, error, saved, save: saveWith } = useSaveOptions();
  const [f, setF] = useState(() => ({
    cutoverMode: options?.cutoverMode ?? "manual", secretArn: options?.secretArn ?? "", tlsMode: options?.tlsMode ?? "none", tlsCertificate: options?.tlsCertificate ?? "", confirmClear: "",
  }));
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((p) => ({ ...p, [k]: e.target.value }));
  const save = () =>
    saveWith(() =>
      saveServerlessOptionsAction({
        migrationId,
        options: { cutoverMode: f.cutoverMode as "manual" | "auto", secretArn: f.secretArn.trim() || undefined, tlsMode: f.tlsMode as "none" | "verify-ca", tlsCertificate: f.tlsCertificate.trim() || undefined },
        confirmClearCacheName: f.confirmClear.trim() || undefined,
      }),
    );
  const disabled = !editable || !canOperate || pending;
  return (
    <Card data-testid="serverless-options">
      <CardTitle>Serverless migration options</CardTitle>
      <div className="grid gap-4 md:grid-cols-3 md:items-end">
        <Field label="Cutover" htmlFor="sv-cutover">
          <Select id="sv-cutover" value={f.cutoverMode} onChange={set("cutoverMode")} disabled={disabled}>
            <option value="manual">Manual, behind Ferry&apos;s gate</option>
            <option value="auto">Automatic (AWS, at the next fully synced window)</option>
          </Select>
        </Field>
        <Field label="Source AUTH: Secrets Manager secret ARN (blank if none)" htmlFor="sv-secret">
          <Input id="sv-secret" value={f.secretArn} onChange={set("secretArn")} disabled={disabled} placeholder="arn:aws:secretsmanager:…:secret:…" />
        </Field>
        <Field label="Source TLS" htmlFor="sv-tls">
          <Select id="sv-tls" value={f.tlsMode} onChange={set("tlsMode")} disabled={disabled}>
            <option value="none">none (plaintext)</option>
            <option value="verify-ca">verify-ca (with the CA certificate)</option>
          </Select>
        </Field>
      </div>
      {f.tlsMode === "verify-ca" ? (
        <Field label="CA certificate (PEM)" htmlFor="sv-cert">
          <textarea id="sv-cert" className="mt-1 h-28 w-full rounded-md border border-border bg-card p-2 font-mono text-xs" value={f.tlsCertificate} onChange={set("tlsCertificate")} disabled={disabled} />
        </Field>
      ) : null}
      <div className="mt-4 max-w-md">
        <Field label={`Clear the cache's data on start: type "${cacheName}" (needed to restart after StopMigration)`} htmlFor="sv-clear">
          <Input id="sv-clear" value={f.confirmClear} onChange={set("confirmClear")} disabled={disabled} placeholder={options?.clearTargetCacheData ? `confirmed by ${options.clearTargetCacheData.confirmedBy}` : ""} />
        </Field>
      </div>
      <OptionsSaveRow error={error} saved={saved} pending={pending} disabled={disabled} editable={editable} canOperate={canOperate} onSave={save} testId="save-serverless-options" />
    </Card>
  );
}
