import "server-only";
import { compareHash, compareSet, compareZset, type ChunkLimits } from "./compare-collections";
import { compareList, compareStream, compareString } from "./compare-sequences";
import type { TypeLevelOutcome } from "./key-status";
import { expectOk, type VerifyLink } from "./verify-link";


const byType = { string: compareString, list: compareList, hash: compareHash, set: compareSet, zset: compareZset, stream: compareStream };

/**
 * The fallback when DUMP payloads differ or a key is too big to DUMP: compare what the data
 * means, in chunks, so listpack vs hashtable or RDB 9 vs 10 never reads as a VALUE mismatch.
 */
export async function compareKeyByType(src: VerifyLink, tgt: VerifyLink, key: Buffer, limits: ChunkLimits): Promise<TypeLevelOutcome> {
  const [[s], [t]] = await Promise.all([src.send([["TYPE", key]]), tgt.send([["TYPE", key]])]);
  const st = expectOk<Buffer>(s, "TYPE").toString("latin1");
  const tt = expectOk<Buffer>(t, "TYPE").toString("latin1");
  if (st === "none") return tt === "none" ? { status: "GONE", detail: "" } : { status: "EXTRA", detail: `only in target (${tt})` };
  if (tt === "none") return { status: "MISSING", detail: `${st} missing in target` };
  if (st !== tt) return { status: "TYPE", detail: `type ${st} in source, ${tt} in target` };
  const compare = byType[st as keyof typeof byType];
  if (!compare) return { status: "VALUE", detail: `DUMP payloads differ and type ${st} has no type-level comparison` };
  try {
    const detail = await compare(src, tgt, key, limits);
    return detail ? { status: "VALUE", detail } : { status: "OK", detail: "" };
  } catch (err) {
    // The key was replaced by another type mid-comparison: a write in flight, for the next round to settle.
    if (/WRONGTYPE/.test((err as Error).message)) return { status: "TYPE", detail: "type changed while being compared" };
    throw err;
  }
}
