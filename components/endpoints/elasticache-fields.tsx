"use client";
import { useState, useTransition } from "react";
import { listReplicationGroupsAction } from "@/lib/actions/list-replication-groups";
import type { ReplicationGroupSummary } from "@/lib/aws/elasticache";
import { Button } from "../ui/button";
import { Field, Input, Select } from "../ui/input";
import { invalid } from "../ui/field-invalid";

type Props = {
  errors?: Record<string, string>;
  /** The value to show in a field: what was typed before a refusal, else the stored value, else the default. */
  value: (name: string, fallback?: string | null) => string;
  ticked: (name: string) => boolean;
  secretNote: (kind: "password" | "externalId") => string | undefined;
};

export function ElastiCacheFields({ errors: e, value, ticked, secretNote }: Props) {
  const [credentialKind, setCredentialKind] = useState(value("credentialKind", "default"));
  const [groups, setGroups] = useState<ReplicationGroupSummary[] | null>(null);
  const [pickError, setPickError] = useState<string>();
  const [picking, startPick] = useTransition();
  const [groupId, setGroupId] = useState(value("replicationGroupId"));
  function findGroups(form: HTMLFormElement | null) {
    if (!form) return;
    startPick(async () => {
      const r = await listReplicationGroupsAction(new FormData(form));
      setGroups(r.ok ? r.data : null);
      setPickError(r.ok ? (r.data.length ? undefined : "No replication groups visible with these credentials in this region.") : (Object.values(r.fieldErrors ?? {})[0] ?? r.message));
    });
  }
  const rgError = e?.replicationGroupId ?? pickError;
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
      <Field label="Region" htmlFor="ep-region" error={e?.region}><Input id="ep-region" name="region" defaultValue={value("region")} required {...invalid("ep-region", e?.region)} /></Field>
      <Field label="Credentials" htmlFor="ep-cred">
        <Select id="ep-cred" name="credentialKind" value={credentialKind} onChange={(ev) => setCredentialKind(ev.target.value)}>
          <option value="default">Default chain (environment, instance role)</option>
          <option value="profile">Named profile</option>
          <option value="assume-role">Assume role</option>
        </Select>
      </Field>
      {credentialKind === "profile" ? <Field label="Profile" htmlFor="ep-profile" error={e?.profile}><Input id="ep-profile" name="profile" defaultValue={value("profile")} {...invalid("ep-profile", e?.profile)} /></Field> : null}
      {credentialKind === "assume-role" ? (
        <>
          <Field label="Role ARN" htmlFor="ep-role" error={e?.roleArn}><Input id="ep-role" name="roleArn" defaultValue={value("roleArn")} placeholder="arn:aws:iam::123456789012:role/ferry" {...invalid("ep-role", e?.roleArn)} /></Field>
          <Field label="External id (optional)" htmlFor="ep-extid" error={e?.externalId} hint={secretNote("externalId")}><Input id="ep-extid" name="externalId" type="password" autoComplete="off" /></Field>
        </>
      ) : null}
      <Field label="ElastiCache API endpoint override (optional)" htmlFor="ep-awsurl" error={e?.awsEndpointUrl}>
        <Input id="ep-awsurl" name="awsEndpointUrl" defaultValue={value("awsEndpointUrl")} placeholder="https://vpce-….elasticache.us-east-1.vpce.amazonaws.com" {...invalid("ep-awsurl", e?.awsEndpointUrl)} />
      </Field>
      <Field label="Replication group" htmlFor="ep-rg" error={rgError}>
        <div className="flex gap-2">
          {groups && groups.length ? (
            <Select id="ep-rg" name="replicationGroupId" value={groupId} onChange={(ev) => setGroupId(ev.target.value)} required {...invalid("ep-rg", rgError)}>
              <option value="">Pick a group…</option>
              {groups.map((g) => <option key={g.id} value={g.id}>{g.id} · {g.status} · {g.engine} · {g.shards} shard(s)</option>)}
            </Select>
          ) : (
            <Input id="ep-rg" name="replicationGroupId" value={groupId} onChange={(ev) => setGroupId(ev.target.value)} required {...invalid("ep-rg", rgError)} />
          )}
          <Button type="button" variant="secondary" disabled={picking} onClick={(ev) => findGroups(ev.currentTarget.form)}>{picking ? "Looking…" : "Find groups"}</Button>
        </div>
      </Field>
      <Field label="AUTH token (optional)" htmlFor="ep-token" error={e?.password} hint={secretNote("password")}><Input id="ep-token" name="password" type="password" autoComplete="new-password" /></Field>
      <label className="flex items-center gap-2 self-end pb-2 text-sm"><input type="checkbox" name="tls" defaultChecked={ticked("tls")} /> In-transit encryption (TLS)</label>
    </div>
  );
}
