import "server-only";
import type { ReplicatorCore } from "./replicator-core";
import { sleep } from "./rate-meter";
import { ByteBudget, compareKeyBatch, openLink, redisEndpointToResp, type BatchContext } from "./verify-bridge";

/** Reply bytes a sampled comparison may hold at once (its batches are small). */
const SAMPLE_BYTES_IN_FLIGHT = 16 * 1024 * 1024;

/** Before a differing sampled key counts, it is compared once more after this pause (a write in flight is not a difference). */
export const SAMPLE_RECHECK_DELAY_MS = 250;

/**
 * Compares up to n random source keys (RANDOMKEY, spread over the dbs) with the target using the
 * verification engine's batch comparison (values and TTLs).
 */
export async function sampleCompare(core: ReplicatorCore, n: number): Promise<{ compared: number; differences: number }> {
  const count = Math.max(0, Math.min(100_000, Math.floor(n)));
  const [src, tgt] = await Promise.all([
    openLink({ endpoint: redisEndpointToResp(core.o.source.redis), readOnly: true }),
    core.o.sampleTargetLink?.() ?? openLink({ endpoint: redisEndpointToResp(core.o.target.redis) }),
  ]);
  try {
    const ctx: BatchContext = {
      src, tgt, mode: "full", ttlToleranceMs: 2_000, bigKeyBytes: core.options.bigKeyBytes,
      limits: { elements: 1_000, bytes: 512 * 1024 }, memoryProbe: core.probe.memory,
      budget: new ByteBudget(SAMPLE_BYTES_IN_FLIGHT), scriptRead: false, scriptPayloadCap: 0,
    };
    const dbs = core.options.dbs;
    let compared = 0;
    let differences = 0;
    for (const [i, db] of dbs.entries()) {
      const share = Math.floor(count / dbs.length) + (i < count % dbs.length ? 1 : 0);
      if (share === 0) continue;
      await Promise.all([src.send([["SELECT", db]]), tgt.send([["SELECT", db]])]);
      const replies = await src.send(Array.from({ length: share }, () => ["RANDOMKEY"]));
      const seen = new Set<string>();
      const keys = replies.filter((r): r is Buffer => Buffer.isBuffer(r)).filter((k) => {
        const id = k.toString("latin1");
        return !seen.has(id) && !!seen.add(id);
      });
      if (keys.length === 0) continue;
      compared += keys.length;
      let differing = (await compareKeyBatch(ctx, keys)).map((o) => keys[o.index]);
      if (differing.length > 0) {
        await sleep(SAMPLE_RECHECK_DELAY_MS);
        differing = (await compareKeyBatch(ctx, differing)).map((o) => differing[o.index]);
      }
      differences += differing.length;
    }
    return { compared, differences };
  } finally {
    src.close();
    tgt.close();
  }
}
