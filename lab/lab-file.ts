import fs from "node:fs";
import path from "node:path";
import type { Lab } from "./start-lab";

/** What data/lab.json holds: everything another tool needs to reach the running lab. */
export type LabFile = {
  endpoint: string;
  region: string;
  admin: string;
  pid: number;
  startedAt: string;
  accounts: Record<"A" | "B", { accountId: string; accessKeyId: string; secretAccessKey: string; canonicalId: string }>;
  elastiCacheCanonicalId: string;
  groups: { id: string; account: "A" | "B"; role: string }[];
  /** `shards` for a self-managed Redis Cluster (register it by `port`, any node). */
  selfManaged: { name: string; host: string; port: number; shards?: { slots: [number, number]; primary: number; replicas: number[] }[] }[];
  /** TLS-only, ACL user instead of a default user; trust `caPem` and connect as `username`. */
  managedTargets: { name: string; host: string; port: number; tls: true; servername: string; username: string; password: string; caPem: string; role: string }[];
  buckets: { name: string; account: "A" | "B"; role: string }[];
  /** ElastiCache Serverless caches; `endpointPort` is the cache endpoint (the migration endpoint during a migration). */
  serverlessCaches?: { name: string; account: "A" | "B"; endpointPort: number | null; role: string }[];
};

export function labFile(lab: Lab, roles: { groups: LabFile["groups"]; buckets: LabFile["buckets"]; managedTargets?: Record<string, string>; serverlessCaches?: { name: string; account: "A" | "B"; role: string }[] }): LabFile {
  const acct = (k: "A" | "B") => {
    const { accountId, accessKeyId, secretAccessKey, canonicalId } = lab.accounts[k];
    return { accountId, accessKeyId, secretAccessKey, canonicalId };
  };
  return {
    endpoint: lab.endpoint,
    region: lab.region,
    admin: `${lab.endpoint}/_lab`,
    pid: process.pid,
    startedAt: new Date().toISOString(),
    accounts: { A: acct("A"), B: acct("B") },
    elastiCacheCanonicalId: lab.elastiCacheCanonicalId,
    groups: roles.groups,
    selfManaged: lab.selfManaged.map(({ name, host, port, shards }) => ({ name, host, port, shards })),
    managedTargets: lab.managedTargets.map(({ name, host, port, tls, servername, username, password, caPem }) =>
      ({ name, host, port, tls, servername, username, password, caPem, role: roles.managedTargets?.[name] ?? "managed-target" })),
    buckets: roles.buckets,
    serverlessCaches: (roles.serverlessCaches ?? []).map((c) => ({ ...c, endpointPort: lab.serverlessCache(c.name, c.account)?.endpointPort ?? null })),
  };
}

/** Written atomically so a reader never sees half a file. */
export function writeLabFile(file: string, content: LabFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // It carries the managed target's password: readable by its owner only.
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(content, null, 2) + "\n", { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

export function readLabFile(file = path.join(process.cwd(), "data", "lab.json")): LabFile {
  return JSON.parse(fs.readFileSync(file, "utf8")) as LabFile;
}
