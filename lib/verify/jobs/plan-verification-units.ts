import "server-only";
import type { VerificationRun } from "@prisma/client";
import { db } from "@/lib/db";
import { recordEvent } from "@/lib/events/record-event";
import { resolveEndpoint } from "@/lib/endpoints/resolve-endpoint";
import { readKeyspaceInfo } from "../engine/keyspace-counts";
import { closeLinks, openLinks } from "../engine/open-links";
import { redisEndpointToResp } from "../engine/redis-endpoint-to-resp";
import { isClusterEnd } from "@/lib/redis/cluster/is-cluster-end";
import { DEFAULT_VERIFICATION_OPTIONS, ZVerificationOptions } from "./verification-options";

/** A db with at least this many keys is cut into UNITS_PER_DB cursor slices that workers share. */
export const SPLIT_MIN_KEYS = 20_000;
/** A power of two (SCAN cursor slices); with several workers each takes its share of a big db. */
export const UNITS_PER_DB = 8;

/**
 * Splits a claimed run into units: one per db, and UNITS_PER_DB per db that is big on every side
 * it scans. Far above UNITS_PER_DB keys, Redis's tables have at least that many buckets, which the
 * slices need to partition the keys exactly, rehash or not (engine/scan-range.ts). Cluster-mode
 * servers of newer Redis/Valkey keep one table per slot with another cursor layout, so their dbs
 * are never sliced.
 */
export async function planVerificationUnits(run: VerificationRun, owner: string): Promise<number> {
  const migration = await db.migration.findUniqueOrThrow({ where: { id: run.migrationId }, select: { sourceId: true, targetId: true } });
  const options = ZVerificationOptions.parse({ ...DEFAULT_VERIFICATION_OPTIONS, ...(run.options ? JSON.parse(run.options) : {}) });
  const [source, target] = await Promise.all([resolveEndpoint(migration.sourceId), resolveEndpoint(migration.targetId)]);
  const links = await openLinks({
    source: { endpoint: redisEndpointToResp(source.redis), readOnly: true },
    target: { endpoint: redisEndpointToResp(target.redis) },
    replyTimeoutMs: options.replyTimeoutMs,
  });
  let units: { db: number; rangeCount: number }[];
  try {
    const [sInfo, tInfo, sCluster, tCluster] = await Promise.all([
      readKeyspaceInfo(links.src), readKeyspaceInfo(links.tgt), isClusterEnd(source.redis), isClusterEnd(target.redis),
    ]);
    const dbs = options.dbs ?? [...new Set([...sInfo.keys(), ...(options.reverse ? tInfo.keys() : [])])].sort((a, b) => a - b);
    // Every side a slice scans must be big: the reverse pass slices the target's table too.
    const keysOf = (d: number) => Math.min(sInfo.get(d)?.keys ?? 0, options.reverse ? (tInfo.get(d)?.keys ?? 0) : Infinity);
    const slice = !sCluster && !tCluster;
    // An empty source still gets one unit, so the run reports its (empty) counts like any other.
    units = (dbs.length ? dbs : [0]).map((d) => ({ db: d, rangeCount: slice && keysOf(d) >= SPLIT_MIN_KEYS ? UNITS_PER_DB : 1 }));
  } finally {
    closeLinks(links);
  }
  const created = await db.$transaction(async (tx) => {
    const held = await tx.verificationRun.updateMany({
      where: { id: run.id, leaseOwner: owner, plannedAt: null },
      data: { plannedAt: new Date(), leaseOwner: null, leaseUntil: null },
    });
    if (held.count === 0) return 0; // another worker planned it after this one's lease ran out
    // A run begun by a Ferry before units starts over in units: its earlier rows would count twice.
    await tx.mismatch.deleteMany({ where: { verificationId: run.id } });
    const rows = units.flatMap((u) => Array.from({ length: u.rangeCount }, (_, rangeIndex) => ({ verificationId: run.id, db: u.db, rangeIndex, rangeCount: u.rangeCount })));
    return (await tx.verificationUnit.createMany({ data: rows })).count;
  });
  if (created) {
    await recordEvent({
      type: "verification.started",
      migrationId: run.migrationId,
      message: `Verification started (${run.mode} mode) in ${created} unit(s) that workers share`,
      data: { verificationId: run.id, worker: owner, units: created },
    });
  }
  return created;
}
