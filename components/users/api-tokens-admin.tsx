"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { createApiTokenAction } from "@/lib/actions/create-api-token";
import { revokeApiTokenAction } from "@/lib/actions/revoke-api-token";
import { API_TOKEN_ROLES } from "@/lib/api-tokens/api-token-input";
import { Button } from "../ui/button";
import { Card, CardTitle } from "../ui/card";
import { Field, Input, Select } from "../ui/input";
import { Table, Td, Th } from "../ui/table";
import { Badge } from "../ui/badge";
import { TimeAt, ZoneName } from "../time/time-at";
import { useRefreshingAction } from "../use-refreshing-action";

type TToken = { id: string; name: string; role: string; prefix: string; createdAt: string; expiresAt: string; lastUsedAt: string | null; revokedAt: string | null };

export function ApiTokensAdmin({ tokens }: { tokens: TToken[] }) {
  const { state, submit, pending, fieldErrors: errors } = useRefreshingAction(createApiTokenAction);
  return (
    <Card>
      <CardTitle>API tokens</CardTitle>
      <p className="mb-3 text-sm text-muted-fg">For scripts and CI: send <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/v1</code> (description at <a className="underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>).</p>
      <Table>
        <thead><tr><Th>Name</Th><Th>Role</Th><Th>Token</Th><Th>Last used (<ZoneName />)</Th><Th>Expires (<ZoneName />)</Th><Th>Status</Th></tr></thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} data-testid={`token-row-${t.name}`}>
              <Td>{t.name}</Td>
              <Td>{t.role}</Td>
              <Td><code>{t.prefix}…</code></Td>
              <Td>{t.lastUsedAt ? <TimeAt at={t.lastUsedAt} precision="minute" /> : "never"}</Td>
              <Td><TimeAt at={t.expiresAt} precision="minute" /></Td>
              <Td>{t.revokedAt ? <Badge tone="danger">revoked</Badge> : <RevokeButton id={t.id} name={t.name} />}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <form action={submit} className="mt-6 grid grid-cols-1 gap-4 md:grid-cols-4 md:items-end" aria-label="Create an API token">
        <Field label="Token name" htmlFor="token-name" error={errors?.name}><Input id="token-name" name="name" maxLength={128} required /></Field>
        <Field label="Token role" htmlFor="token-role" error={errors?.role}>
          <Select id="token-role" name="role" defaultValue="viewer">{API_TOKEN_ROLES.map((r) => <option key={r}>{r}</option>)}</Select>
        </Field>
        <Field label="Expires in (days)" htmlFor="token-days" error={errors?.expiresInDays}><Input id="token-days" name="expiresInDays" type="number" min={1} max={365} defaultValue={90} required /></Field>
        <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create token"}</Button>
      </form>
      {state && !state.ok && !errors ? <p role="alert" className="mt-3 text-sm text-danger">{state.message}</p> : null}
      {state?.ok ? (
        <div role="status" className="mt-3 text-sm">
          <p className="text-ok">Token {state.data.name} created. Copy it now: it is not shown again.</p>
          <code data-testid="new-token" className="mt-1 block break-all rounded bg-muted p-2">{state.data.token}</code>
        </div>
      ) : null}
    </Card>
  );
}

function RevokeButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button type="button" variant="secondary" disabled={pending} aria-label={`Revoke ${name}`} onClick={() => start(async () => { await revokeApiTokenAction({ tokenId: id }); router.refresh(); })}>
      {pending ? "Revoking…" : "Revoke"}
    </Button>
  );
}
