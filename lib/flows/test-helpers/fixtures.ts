// Database fixtures for runner tests: real services where they exist (endpoints, migrations),
// a stored pre-flight run standing in for a real one (pre-flight has its own tests).
import { db } from "../../db";
import type { TSessionUser } from "../../auth/sessions";
import { registerEndpoint } from "../../endpoints/register-endpoint";
import { createMigration } from "../../migrations/create-migration";
import { writeMigrationOptions } from "../../migrations/migration-record";
import { createRunner, type TRunner, type TRunnerOptions } from "../runner";
import { pollUntil } from "../../../test/test-helpers/poll-until";
import { startVerificationWorker } from "../../verify/jobs/verification-worker";

let n = 0;

export async function seedSelfManaged(actor: TSessionUser, name: string, port: number, opts: { password?: string; host?: string } = {}): Promise<string> {
  return (await registerEndpoint({ actor, input: { kind: "self-managed", name, host: opts.host ?? "127.0.0.1", port, tls: false, dbCount: 16, password: opts.password, tlsCa: undefined, username: undefined } })).id;
}

export async function seedElastiCache(actor: TSessionUser, name: string, lab: { endpoint: string; region: string }, groupId: string): Promise<string> {
  return (await registerEndpoint({
    actor,
    input: {
      kind: "elasticache", name, region: lab.region, replicationGroupId: groupId, credentialKind: "default", awsEndpointUrl: lab.endpoint, tls: false,
      profile: undefined, roleArn: undefined, externalId: undefined, password: undefined,
    },
  })).id;
}

export async function seedMigration(actor: TSessionUser, strategy: "online" | "replicaof", sourceId: string, targetId: string, opts: { cleared?: boolean } = {}): Promise<string> {
  const { id } = await createMigration({ actor, name: `m${++n}`, strategy, sourceId, targetId });
  // The monitor's gate judges samples over stableSeconds (default 10 s; 1 s keeps tests quick) and
  // allows no lag by default: a replication PING landing between the two INFO reads would close it.
  await db.migration.update({ where: { id }, data: { options: writeMigrationOptions({ gate: { stableSeconds: 1, maxLagBytes: 1024 } }) } });
  if (opts.cleared !== false) await clearPreflight(id, strategy);
  return id;
}

export async function clearPreflight(migrationId: string, strategy: string): Promise<void> {
  await db.preflightRun.create({ data: { migrationId, strategy, checks: "[]", summary: JSON.stringify({ pass: 12, warn: 0, fail: 0, unknown: 0 }) } });
}

/** Runner settings fast enough for tests; lease short so a "killed" runner's lease expires quickly. */
export function testRunner(opts: TRunnerOptions = {}): TRunner {
  return createRunner({
    tickMs: 50,
    leaseMs: 1_500,
    log: () => {},
    ...opts,
    flow: { waitPollMs: 50, verifyPickupMs: 0, promotionTimeoutMs: 10_000, ...opts.flow },
    retry: { baseMs: 50, capMs: 500, ...opts.retry },
  });
}

/** How long a test waits for one state a runner must reach (a sync, a promotion, a verify hand-off). */
export const STATE_WAIT_MS = 20_000;

/**
 * A test that walks one migration through several states waits up to STATE_WAIT_MS for each, so
 * on a busy machine it must not be cut off before its own waits are (the suite's default is 30 s).
 */
export const MULTI_STATE_TEST_MS = 4 * STATE_WAIT_MS;

/** Waits for a state; on time-out says where the migration is and what it last recorded. */
export async function waitForState(migrationId: string, state: string, timeoutMs = STATE_WAIT_MS): Promise<void> {
  let last = "";
  await pollUntil(`the migration to reach ${state}`, async () => {
    const m = await db.migration.findUnique({ where: { id: migrationId }, select: { state: true, lastError: true } });
    last = `it is ${m?.state} ${m?.lastError ?? ""}`;
    return m?.state === state;
  }, {
    timeoutMs,
    lastSeen: () => last,
  }).catch(async (err: Error) => {
    const events = await db.event.findMany({ where: { migrationId }, orderBy: { at: "desc" }, take: 5, select: { message: true } });
    throw new Error(`${err.message}; latest events: ${events.map((e) => e.message).join(" | ")}`);
  });
}

export async function stepsOf(migrationId: string) {
  return db.migrationStep.findMany({ where: { migrationId }, orderBy: { position: "asc" } });
}

export async function eventTypes(migrationId: string): Promise<string[]> {
  return (await db.event.findMany({ where: { migrationId }, orderBy: { at: "asc" }, select: { type: true } })).map((e) => e.type);
}

/** Runs a verification worker until the run the flow queued for this migration ends, and returns that run. */
export async function runQueuedVerification(migrationId: string, timeoutMs = 3 * STATE_WAIT_MS) {
  const worker = startVerificationWorker({ pollMs: 50 });
  try {
    return await pollUntil("the verification run to end", async () => {
      const r = await db.verificationRun.findFirst({ where: { migrationId } });
      return r && ["done", "failed"].includes(r.status) && r;
    }, { timeoutMs });
  } finally {
    await worker.stop();
  }
}
