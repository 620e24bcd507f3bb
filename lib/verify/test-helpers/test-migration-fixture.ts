// Test support (not a test): database rows for a migration between two real redis-servers.
import { db } from "@/lib/db";
import type { TSessionUser } from "@/lib/auth/sessions";
import type { RedisProcess } from "@/lab/redis-process";

let seq = 0;

export async function createTestOperator(email = `ops-${Date.now()}-${seq++}@ferry.test`): Promise<TSessionUser> {
  const u = await db.user.create({ data: { email, name: "Ops", role: "operator", passwordHash: "x" } });
  return { id: u.id, email: u.email, name: u.name, role: u.role };
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
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.verificationRun.findUniqueOrThrow({ where: { id } });
    if (statuses.includes(run.status)) return run;
    if (Date.now() > until) throw new Error(`run ${id} still ${run.status} after ${timeoutMs} ms (progress ${run.progress})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
