import type { Endpoint } from "@prisma/client";
import type { ConnectionReport } from "../redis/test-connection";
import { summarizeCaPem, type TCaSummary } from "./ca-pem";

/** What the browser may see of an endpoint: everything but the secrets. */
export type TEndpointView = {
  id: string;
  name: string;
  kind: "self-managed" | "elasticache";
  address: string;
  host: string | null;
  port: number | null;
  tls: boolean;
  /** The private CA's subject and expiry, never its PEM: the form shows that one is set. */
  tlsCa: TCaSummary | null;
  username: string | null;
  hasPassword: boolean;
  dbCount: number;
  region: string | null;
  replicationGroupId: string | null;
  credentialKind: string | null;
  profile: string | null;
  roleArn: string | null;
  hasExternalId: boolean;
  awsEndpointUrl: string | null;
  lastCheck: (ConnectionReport & { checkedAt: string; node?: string }) | null;
  /** The last migration through this endpoint that completed (listed endpoints only). */
  lastUsed?: { migration: string; at: string } | null;
};

export function toEndpointView(row: Endpoint): TEndpointView {
  const kind = row.kind === "elasticache" ? "elasticache" : "self-managed";
  return {
    id: row.id,
    name: row.name,
    kind,
    address: kind === "elasticache" ? `${row.replicationGroupId} (${row.region})` : `${row.host}:${row.port}${row.tls ? " TLS" : ""}`,
    host: row.host,
    port: row.port,
    tls: row.tls,
    tlsCa: summarizeCaPem(row.tlsCa) ?? null,
    username: row.username,
    hasPassword: !!row.passwordEnc,
    dbCount: row.dbCount,
    region: row.region,
    replicationGroupId: row.replicationGroupId,
    credentialKind: row.credentialKind,
    profile: row.profile,
    roleArn: row.roleArn,
    hasExternalId: !!row.externalIdEnc,
    awsEndpointUrl: row.awsEndpointUrl,
    lastCheck: row.lastCheck ? JSON.parse(row.lastCheck) : null,
  };
}
