"use client";
import { useActionState, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { registerEndpointAction } from "@/lib/actions/register-endpoint";
import { updateEndpointAction } from "@/lib/actions/update-endpoint";
import { testEndpointInputAction } from "@/lib/actions/test-endpoint-input";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { TEndpointView } from "@/lib/endpoints/endpoint-view";
import type { TEndpointCheck } from "@/lib/endpoints/test-endpoint";
import { Button } from "../ui/button";
import { Card, CardTitle } from "../ui/card";
import { Field, Input, Select } from "../ui/input";
import { ElastiCacheFields } from "./elasticache-fields";
import { CheckSummary } from "./check-summary";
import { TlsCaFields } from "./tls-ca-fields";
import { keptValues, type TFormValues } from "./form-values";
import { invalid } from "../ui/field-invalid";

type Props = { defaultRegion: string; editing?: TEndpointView };
type Submitted = { result: ActionResult<TEndpointView>; values: TFormValues };

/** Registers an endpoint, or edits one (`editing`); keeps what was typed when the server refuses it. */
export function EndpointForm({ defaultRegion, editing }: Props) {
  const router = useRouter();
  const [kind, setKind] = useState<"self-managed" | "elasticache">(editing?.kind ?? "self-managed");
  const [test, setTest] = useState<ActionResult<TEndpointCheck>>();
  const [testing, startTest] = useTransition();
  const [state, submit, pending] = useActionState(async (_: Submitted | null, form: FormData): Promise<Submitted> => {
    const result = editing ? await updateEndpointAction(form) : await registerEndpointAction(form);
    setTest(undefined);
    if (result.ok) {
      if (editing) router.push("/endpoints");
      router.refresh();
    }
    return { result, values: result.ok ? {} : keptValues(form) };
  }, null);
  const result = state?.result;
  const e = { ...(test && !test.ok ? test.fieldErrors : undefined), ...(result && !result.ok ? result.fieldErrors : undefined) };
  const stored: Record<string, unknown> = editing ? { ...editing, tls: editing.tls ? "on" : "" } : {};
  // An unticked box is absent from the form data: after a refusal, absent means unticked.
  const ticked = (name: string) => (state && Object.keys(state.values).length ? state.values[name] === "on" : stored[name] === "on");
  const value = (name: string, fallback?: string | null) => state?.values[name] ?? (typeof stored[name] === "string" || typeof stored[name] === "number" ? String(stored[name]) : (fallback ?? ""));
  const typedSecret = result && !result.ok;
  const secretNote = (field: "password" | "externalId") => {
    const has = field === "password" ? editing?.hasPassword : editing?.hasExternalId;
    if (typedSecret) return has ? "Not sent back to the browser: leave blank to keep the stored one, or type it again." : "Not sent back to the browser: type it again if it needs one.";
    return has ? "Stored; leave blank to keep it." : undefined;
  };
  function testConnection(form: HTMLFormElement | null) {
    if (form) startTest(async () => setTest(await testEndpointInputAction(new FormData(form))));
  }
  const title = editing ? `Edit ${editing.name}` : "Register an endpoint";
  return (
    <Card>
      <CardTitle>{title}</CardTitle>
      <form id="endpoint-form" key={state ? JSON.stringify(state.values) + String(result?.ok) : "new"} action={submit} aria-label={title} className="space-y-4">
        {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
        <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
          <Field label="Kind" htmlFor="ep-kind" error={e.kind}>
            {editing ? <input type="hidden" name="kind" value={kind} /> : null}
            <Select id="ep-kind" name={editing ? undefined : "kind"} value={kind} disabled={!!editing} onChange={(ev) => setKind(ev.target.value as typeof kind)}>
              <option value="self-managed">Self-managed Redis</option>
              <option value="elasticache">ElastiCache replication group</option>
            </Select>
          </Field>
          <Field label="Name" htmlFor="ep-name" error={e.name}><Input id="ep-name" name="name" defaultValue={value("name")} placeholder="orders-cache-prod" required {...invalid("ep-name", e.name)} /></Field>
        </div>
        {kind === "self-managed" ? (
          <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
            <Field label="Host" htmlFor="ep-host" error={e.host}><Input id="ep-host" name="host" defaultValue={value("host")} placeholder="10.0.1.15" required {...invalid("ep-host", e.host)} /></Field>
            <Field label="Port" htmlFor="ep-port" error={e.port}><Input id="ep-port" name="port" type="number" defaultValue={value("port", "6379")} required {...invalid("ep-port", e.port)} /></Field>
            <Field label="Logical databases" htmlFor="ep-dbs" error={e.dbCount}><Input id="ep-dbs" name="dbCount" type="number" defaultValue={value("dbCount", "16")} {...invalid("ep-dbs", e.dbCount)} /></Field>
            <Field label="ACL username (optional)" htmlFor="ep-user" error={e.username}><Input id="ep-user" name="username" defaultValue={value("username")} autoComplete="off" {...invalid("ep-user", e.username)} /></Field>
            <Field label="Password (optional)" htmlFor="ep-pass" error={e.password} hint={secretNote("password")}><Input id="ep-pass" name="password" type="password" autoComplete="new-password" /></Field>
            <TlsCaFields tls={ticked("tls")} typedCa={value("tlsCa")} stored={editing?.tlsCa} remove={ticked("removeTlsCa")} error={e.tlsCa} />
          </div>
        ) : (
          <ElastiCacheFields errors={e} value={(n, f) => value(n, n === "region" ? defaultRegion : f)} ticked={ticked} secretNote={secretNote} />
        )}
        {result && !result.ok ? <p role="alert" className="text-sm text-danger">{result.message}</p> : null}
        {result?.ok ? <p role="status" className="text-sm text-ok">{editing ? "Saved" : "Registered"} {result.data.name}.{editing ? "" : " Test its connection below."}</p> : null}
        <div aria-live="polite" data-testid="form-test-result" className="text-sm">
          {test?.ok ? <CheckSummary check={test.data} /> : test && !test.fieldErrors ? <span className="text-danger">{test.message}</span> : null}
        </div>
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>{pending ? "Saving…" : editing ? "Save changes" : "Register endpoint"}</Button>
          <Button type="button" variant="secondary" disabled={testing} onClick={(ev) => testConnection(ev.currentTarget.form)}>{testing ? "Testing…" : "Test connection"}</Button>
          {editing ? <Button type="button" variant="ghost" onClick={() => router.push("/endpoints")}>Cancel</Button> : null}
        </div>
      </form>
    </Card>
  );
}
