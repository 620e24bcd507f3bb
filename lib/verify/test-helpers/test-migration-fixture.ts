// Test support (not a test): database rows for a migration between two real redis-servers.
import { db } from "@/lib/db";
import type { TSessionUser } from "@/lib/auth/sessions";
import type { RedisProcess } from "@/lab/redis-process";
import { seedUser } from "@/lib/users/test-helpers/seed-user";
import { pollUntil } from "@/test/test-helpers/poll-until";

let seq = 0;

/** An operator row for verification tests (the one seeder: seedUser). */
export function createTestOperator(email?: string): Promise<TSessionUser> {
  return seedUser({ role: "operator", email });
}

export async function createTestMigration(opts: { source: RedisProcess; target: RedisProcess; name?: string; strategy?: string; state?: string }) {
  const n = seq++;
  const endpoint = (p: RedisProcess, label: string) =>
    db.endpoint.create({ data: { name: `${label}-${p.port}-${Date.now()}-${n}`, kind: "self-managed", host: p.host, port: p.port } });
  const [source, target] = await Promise.all([endpoint(opts.source, "src"), endpoint(opts.target, "tgt")]);
  return db.migration.create({
    data: { name: opts.name ?? `migration-${n}`, strategy: opts.strategy ?? "replicaof", state: opts.state ?? "completed", sourceId: source.id, targetId: target.id },
  });
}

/** Polls the run until it reaches one of `statuses` (or the timeout passes). */
export async function waitForRun(id: string, statuses: string[], timeoutMs = 20_000) {
  let last = "";
  return pollUntil(`verification ${id} to reach ${statuses.join(" or ")}`, async () => {
    const run = await db.verificationRun.findUniqueOrThrow({ where: { id } });
    last = `still ${run.status} (progress ${run.progress})`;
    return statuses.includes(run.status) && run;
  }, { timeoutMs, lastSeen: () => last });
}
