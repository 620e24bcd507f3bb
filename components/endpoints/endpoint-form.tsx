"use client";
import { useActionState, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { registerEndpointAction } from "@/lib/actions/register-endpoint";
import { listReplicationGroupsAction } from "@/lib/actions/list-replication-groups";
import type { ReplicationGroupSummary } from "@/lib/aws/elasticache";
import { Button } from "../ui/button";
import { Card, CardTitle } from "../ui/card";
import { Field, Input, Select } from "../ui/input";

type Props = { defaultRegion: string };

export function EndpointForm({ defaultRegion }: Props) {
  const router = useRouter();
  const [kind, setKind] = useState<"self-managed" | "elasticache">("self-managed");
  const [credentialKind, setCredentialKind] = useState("default");
  const [state, submit, pending] = useActionState(async (_: unknown, form: FormData) => {
    const result = await registerEndpointAction(form);
    if (result.ok) router.refresh();
    return result;
  }, null);
  const e = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <Card>
      <CardTitle>Register an endpoint</CardTitle>
      <form action={submit} aria-label="Register an endpoint" className="space-y-4">
        <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
          <Field label="Kind" htmlFor="ep-kind">
            <Select id="ep-kind" name="kind" value={kind} onChange={(ev) => setKind(ev.target.value as typeof kind)}>
              <option value="self-managed">Self-managed Redis</option>
              <option value="elasticache">ElastiCache replication group</option>
            </Select>
          </Field>
          <Field label="Name" htmlFor="ep-name" error={e?.name}><Input id="ep-name" name="name" placeholder="orders-cache-prod" required /></Field>
        </div>
        {kind === "self-managed" ? (
          <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
            <Field label="Host" htmlFor="ep-host" error={e?.host}><Input id="ep-host" name="host" placeholder="10.0.1.15" required /></Field>
            <Field label="Port" htmlFor="ep-port" error={e?.port}><Input id="ep-port" name="port" type="number" defaultValue={6379} required /></Field>
            <Field label="Logical databases" htmlFor="ep-dbs" error={e?.dbCount}><Input id="ep-dbs" name="dbCount" type="number" defaultValue={16} /></Field>
            <Field label="ACL username (optional)" htmlFor="ep-user" error={e?.username}><Input id="ep-user" name="username" autoComplete="off" /></Field>
            <Field label="Password (optional)" htmlFor="ep-pass" error={e?.password}><Input id="ep-pass" name="password" type="password" autoComplete="new-password" /></Field>
            <label className="flex items-center gap-2 self-end pb-2 text-sm"><input type="checkbox" name="tls" /> TLS</label>
          </div>
        ) : (
          <ElastiCacheFields errors={e} defaultRegion={defaultRegion} credentialKind={credentialKind} setCredentialKind={setCredentialKind} />
        )}
        {state && !state.ok && !e ? <p role="alert" className="text-sm text-danger">{state.message}</p> : null}
        {state?.ok ? <p role="status" className="text-sm text-ok">Registered {state.data.name}. Test its connection below.</p> : null}
        <Button type="submit" disabled={pending}>{pending ? "Registering…" : "Register endpoint"}</Button>
      </form>
    </Card>
  );
}

function ElastiCacheFields(props: Props & { errors?: Record<string, string>; credentialKind: string; setCredentialKind: (v: string) => void }) {
  const e = props.errors;
  const [groups, setGroups] = useState<ReplicationGroupSummary[] | null>(null);
  const [pickError, setPickError] = useState<string>();
  const [picking, startPick] = useTransition();
  const [groupId, setGroupId] = useState("");
  function findGroups(form: HTMLFormElement | null) {
    if (!form) return;
    startPick(async () => {
      const r = await listReplicationGroupsAction(new FormData(form));
      setGroups(r.ok ? r.data : null);
      setPickError(r.ok ? (r.data.length ? undefined : "No replication groups visible with these credentials in this region.") : (Object.values(r.fieldErrors ?? {})[0] ?? r.message));
    });
  }
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
      <Field label="Region" htmlFor="ep-region" error={e?.region}><Input id="ep-region" name="region" defaultValue={props.defaultRegion} required /></Field>
      <Field label="Credentials" htmlFor="ep-cred">
        <Select id="ep-cred" name="credentialKind" value={props.credentialKind} onChange={(ev) => props.setCredentialKind(ev.target.value)}>
          <option value="default">Default chain (environment, instance role)</option>
          <option value="profile">Named profile</option>
          <option value="assume-role">Assume role</option>
        </Select>
      </Field>
      {props.credentialKind === "profile" ? <Field label="Profile" htmlFor="ep-profile" error={e?.profile}><Input id="ep-profile" name="profile" /></Field> : null}
      {props.credentialKind === "assume-role" ? (
        <>
          <Field label="Role ARN" htmlFor="ep-role" error={e?.roleArn}><Input id="ep-role" name="roleArn" placeholder="arn:aws:iam::123456789012:role/ferry" /></Field>
          <Field label="External id (optional)" htmlFor="ep-extid" error={e?.externalId}><Input id="ep-extid" name="externalId" type="password" autoComplete="off" /></Field>
        </>
      ) : null}
      <Field label="ElastiCache API endpoint override (optional)" htmlFor="ep-awsurl" error={e?.awsEndpointUrl}>
        <Input id="ep-awsurl" name="awsEndpointUrl" placeholder="https://vpce-….elasticache.us-east-1.vpce.amazonaws.com" />
      </Field>
      <Field label="Replication group" htmlFor="ep-rg" error={e?.replicationGroupId ?? pickError}>
        <div className="flex gap-2">
          {groups && groups.length ? (
            <Select id="ep-rg" name="replicationGroupId" value={groupId} onChange={(ev) => setGroupId(ev.target.value)} required>
              <option value="">Pick a group…</option>
              {groups.map((g) => <option key={g.id} value={g.id}>{g.id} · {g.status} · {g.engine} · {g.shards} shard(s)</option>)}
            </Select>
          ) : (
            <Input id="ep-rg" name="replicationGroupId" value={groupId} onChange={(ev) => setGroupId(ev.target.value)} required />
          )}
          <Button type="button" variant="secondary" disabled={picking} onClick={(ev) => findGroups(ev.currentTarget.form)}>{picking ? "Looking…" : "Find groups"}</Button>
        </div>
      </Field>
      <Field label="AUTH token (optional)" htmlFor="ep-token" error={e?.password}><Input id="ep-token" name="password" type="password" autoComplete="new-password" /></Field>
      <label className="flex items-center gap-2 self-end pb-2 text-sm"><input type="checkbox" name="tls" /> In-transit encryption (TLS)</label>
    </div>
  );
}
