/**
 * Compares two complete raw reply regions (the same per-key batch sent to both ends) reply by
 * reply, in place: equal replies cost a memcmp of two byte ranges and create no JS object. Only
 * the replies that differ are materialised, so a batch with a few differing DUMP payloads (e.g.
 * hashtable sets in another bucket order) no longer turns every key of the batch into objects.
 */
import { AppError } from "@/lib/errors";
import { parseRegion, type RespReply } from "./resp-parser";

export type RegionDiff = { index: number[]; s: RespReply[]; t: RespReply[] };

/** Reply indexes whose bytes differ, with both ends' parsed replies for those only. */
export function diffRawRegions(s: Buffer, t: Buffer, count: number): RegionDiff {
  const out: RegionDiff = { index: [], s: [], t: [] };
  let ps = 0;
  let pt = 0;
  for (let i = 0; i < count; i++) {
    const es = replyEnd(s, ps);
    const et = replyEnd(t, pt);
    if (es - ps !== et - pt || s.compare(t, pt, et, ps, es) !== 0) {
      out.index.push(i);
      out.s.push(parseRegion(s.subarray(ps, es))[0]);
      out.t.push(parseRegion(t.subarray(pt, et))[0]);
    }
    ps = es;
    pt = et;
  }
  if (ps !== s.length || pt !== t.length) throw new AppError("REDIS_ERROR", `reply region holds more than ${count} replies`);
  return out;
}

/** Offset just past the complete reply starting at `at`. */
function replyEnd(b: Buffer, at: number): number {
  const cr = b.indexOf(13, at + 1);
  if (cr < 0) throw new AppError("REDIS_ERROR", "truncated reply region");
  const type = b[at];
  if (type === 36 || type === 42) {
    let n = 0;
    let i = at + 1;
    const neg = b[i] === 45;
    if (neg) i++;
    for (; i < cr; i++) n = n * 10 + (b[i] - 48);
    if (neg) return cr + 2;
    if (type === 36) return cr + 2 + n + 2;
    let p = cr + 2;
    for (let k = 0; k < n; k++) p = replyEnd(b, p);
    return p;
  }
  return cr + 2;
}
