"use client";
import { useState } from "react";
import type { TCaSummary } from "@/lib/endpoints/ca-pem";
import { Field } from "../ui/input";
import { invalid } from "../ui/field-invalid";

type Props = {
  tls: boolean;
  /** What was typed before a refusal; a stored CA is never sent back, only its summary. */
  typedCa: string;
  stored: TCaSummary | null | undefined;
  remove: boolean;
  error?: string;
};

const AREA = "min-h-28 w-full rounded-md border border-border bg-card px-3 py-2 font-mono text-xs outline-none focus:border-primary focus:ring-2 focus:ring-primary/30 aria-invalid:border-danger";

/** The TLS switch and, when it is on, the private CA a self-managed endpoint is verified against. */
export function TlsCaFields({ tls: initialTls, typedCa, stored, remove: initialRemove, error }: Props) {
  const [tls, setTls] = useState(initialTls);
  const [remove, setRemove] = useState(initialRemove);
  return (
    <>
      <label className="flex items-center gap-2 self-end pb-2 text-sm"><input type="checkbox" name="tls" checked={tls} onChange={(ev) => setTls(ev.target.checked)} /> TLS</label>
      {tls ? (
        <div className="space-y-2 md:col-span-3">
          <Field label="CA certificate (PEM, optional)" htmlFor="ep-ca" error={error} hint={caHint(stored, remove)}>
            <textarea id="ep-ca" name="tlsCa" defaultValue={typedCa} rows={4} spellCheck={false} autoComplete="off" placeholder={"-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----"} className={AREA} {...invalid("ep-ca", error)} />
          </Field>
          {stored ? (
            <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="removeTlsCa" checked={remove} onChange={(ev) => setRemove(ev.target.checked)} /> Remove the stored CA certificate</label>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

function caHint(stored: TCaSummary | null | undefined, remove: boolean): string {
  if (!stored) return "Only when the server's certificate is signed by a private CA (a managed Redis, your own PKI); public CAs are trusted already.";
  if (remove) return "The stored CA certificate will be removed on save; the server's certificate must then chain to a public CA.";
  const what = stored.subject
    ? `${stored.subject}, expires ${stored.validTo?.slice(0, 10)}${stored.expired ? " (expired)" : ""}${stored.certificates > 1 ? `, +${stored.certificates - 1} more in the bundle` : ""}`
    : "a bundle that could not be read";
  return `Stored: ${what}. Leave blank to keep it, or paste one to replace it.`;
}
