import "server-only";
import { db } from "../db";
import { ACTIVE_STATES } from "../flows/states";
import { evaluateCutoverGate } from "../monitor/cutover-gate";
import { readLatestSample } from "../monitor/sample-reads";
import { readStats } from "../replication-store/replication-json";
import type { VerifyProgress } from "../verify/engine/types";
import { metrics } from "./metrics-registry";

/** Migrations a scrape describes at most: the newest ones; a scrape must stay cheap. */
const MAX_MIGRATIONS = 200;

/**
 * Sets the gauges from what is already stored (latest sample, runner lease, latest verification,
 * replication stats): a scrape never sends INFO to a Redis or calls AWS.
 */
export async function collectMetrics(now = Date.now()): Promise<string> {
  const m = metrics();
  for (const g of [m.state, m.lagBytes, m.keys, m.memory, m.up, m.sampleAge, m.gateOpen, m.verifyDone, m.verifyTotal, m.verifyDiffs, m.replPending, m.replLag, m.runnerLease]) g.reset();
  const rows = await db.migration.findMany({ orderBy: { createdAt: "desc" }, take: MAX_MIGRATIONS, select: { id: true, name: true, strategy: true, state: true, leaseOwner: true, leaseUntil: true } });
  for (const mig of rows) {
    const migration = mig.id;
    m.state.set({ migration, name: mig.name, strategy: mig.strategy, state: mig.state }, 1);
    const active = (ACTIVE_STATES as readonly string[]).includes(mig.state);
    if (active) m.runnerLease.set({ migration }, mig.leaseOwner && mig.leaseUntil && mig.leaseUntil.getTime() > now ? 1 : 0);
    const s = await readLatestSample(migration);
    if (s) {
      if (s.lagBytes != null) m.lagBytes.set({ migration }, s.lagBytes);
      for (const [side, keys, mem, up] of [["source", s.srcKeys, s.srcMemory, s.srcUp], ["target", s.tgtKeys, s.tgtMemory, s.tgtUp]] as const) {
        if (keys != null) m.keys.set({ migration, side }, keys);
        if (mem != null) m.memory.set({ migration, side }, mem);
        m.up.set({ migration, side }, up ? 1 : 0);
      }
      if (active) m.sampleAge.set({ migration }, Math.max(0, (now - s.at.getTime()) / 1000));
    }
    if (mig.state === "running" || mig.state === "in-sync") m.gateOpen.set({ migration }, (await evaluateCutoverGate({ migrationId: migration })).open ? 1 : 0);
    const v = await db.verificationRun.findFirst({ where: { migrationId: migration }, orderBy: { createdAt: "desc" }, select: { progress: true } });
    const p = v?.progress ? (JSON.parse(v.progress) as VerifyProgress) : null;
    if (p) {
      m.verifyDone.set({ migration }, p.keysDone);
      m.verifyTotal.set({ migration }, p.keysTotal);
      m.verifyDiffs.set({ migration }, p.mismatchesSoFar);
    }
    const r = await db.replication.findFirst({ where: { migrationId: migration, status: "running" }, orderBy: { startedAt: "desc" }, select: { stats: true } });
    const stats = readStats(r?.stats ?? null);
    if (stats) {
      m.replPending.set({ migration }, stats.live.pendingKeys);
      m.replLag.set({ migration }, stats.live.oldestPendingAgeMs / 1000);
    }
  }
  return m.registry.metrics();
}
