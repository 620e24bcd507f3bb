// Registers the lab's endpoints in Ferry for the demo (or points existing ones at this run's
// ports), so an operator can start planning a migration at once.
// Run with `tsx --conditions=react-server` (see demo-admin.ts).
import fs from "node:fs";
import { db } from "../lib/db";
import { sealEndpointSecret } from "../lib/endpoints/endpoint-secrets";
import { registerEndpoint } from "../lib/endpoints/register-endpoint";
import { ZEndpointInput } from "../lib/endpoints/endpoint-input";
import type { LabFile } from "../lab/lab-file";

async function main() {
  const lab = JSON.parse(fs.readFileSync("data/lab.json", "utf8")) as LabFile;
  const admin = await db.user.findFirstOrThrow({ where: { role: "admin" }, orderBy: { createdAt: "asc" } });
  const actor = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
  const source = lab.selfManaged.find((s) => s.name === "source");
  const cluster = lab.selfManaged.find((s) => s.name === "cluster-source");
  const wanted = [
    ...(source ? [{ kind: "self-managed" as const, name: "lab-source", host: source.host, port: source.port, tls: false, dbCount: 16 }] : []),
    // The self-managed 3-shard Redis Cluster, registered by one of its nodes (a cluster has one database).
    ...(cluster ? [{ kind: "self-managed" as const, name: "lab-cluster-source", host: cluster.host, port: cluster.port, tls: false, dbCount: 1 }] : []),
    ...lab.groups.map((g) => ({
      kind: "elasticache" as const,
      name: `lab-${g.id}`,
      region: lab.region,
      replicationGroupId: g.id,
      credentialKind: g.account === "A" ? ("default" as const) : ("profile" as const),
      profile: g.account === "A" ? undefined : "lab-b",
      tls: false,
    })),
    // The managed target (TLS + ACL user, no RESTORE) of the ElastiCache -> managed scenario.
    ...(lab.managedTargets ?? []).map((t) => ({ kind: "self-managed" as const, name: `lab-${t.name}`, host: t.host, port: t.port, tls: true, tlsCa: t.caPem, username: t.username, password: t.password, dbCount: 16 })),
    // Serverless caches: an ElastiCache endpoint whose id names the cache (online migration into serverless).
    ...(lab.serverlessCaches ?? []).map((c) => ({
      kind: "elasticache" as const, name: `lab-${c.name}`, region: lab.region, replicationGroupId: c.name, credentialKind: "default" as const, tls: false,
    })),
    // The group the cross-account snapshot flow creates in account B (it does not exist yet).
    { kind: "elasticache" as const, name: "lab-b-restored", region: lab.region, replicationGroupId: "ferry-restored-b", credentialKind: "profile" as const, profile: "lab-b", tls: false },
  ].map((raw) => ZEndpointInput.parse(raw));
  for (const input of wanted) {
    const existing = await db.endpoint.findUnique({ where: { name: input.name } });
    if (!existing) await registerEndpoint({ actor, input });
    // A new lab run has new ports, and the managed target a new CA and password.
    else if (input.kind === "self-managed") {
      await db.endpoint.update({
        where: { id: existing.id },
        data: { host: input.host, port: input.port, lastCheck: null, ...(input.tls ? { tlsCa: input.tlsCa, passwordEnc: input.password ? sealEndpointSecret(input.password, existing.id, "passwordEnc") : null } : {}) },
      });
    }
  }
  console.log(`[demo] endpoints registered: ${wanted.map((w) => w.name).join(", ")}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
