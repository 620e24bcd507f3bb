import "server-only";
import { bothLengths, type ChunkLimits } from "./compare-collections";
import { compareStreamGroups } from "./compare-stream-groups";
import type { RespReply } from "./resp-parser";
import { nextStreamId } from "./stream-id";
import { expectOk, type VerifyLink } from "./verify-link";

type Window = (start: number, end: number) => (string | number | Buffer)[];

async function bothWindows<T extends RespReply>(src: VerifyLink, tgt: VerifyLink, cmd: (string | number | Buffer)[], what: string) {
  const [[s], [t]] = await Promise.all([src.send([cmd]), tgt.send([cmd])]);
  return [expectOk<T>(s, what), expectOk<T>(t, what)] as const;
}

/** 100 MB strings are read in GETRANGE windows of `limits.bytes`, never whole. */
export async function compareString(src: VerifyLink, tgt: VerifyLink, key: Buffer, limits: ChunkLimits) {
  const [s, t] = await bothLengths(src, tgt, "STRLEN", key);
  if (s !== t) return `string is ${s} bytes in source, ${t} in target`;
  const window: Window = (a, b) => ["GETRANGE", key, a, b];
  for (let from = 0; from < s; from += limits.bytes) {
    const [a, b] = await bothWindows<Buffer>(src, tgt, window(from, from + limits.bytes - 1), "GETRANGE");
    if (!a.equals(b)) return `string differs at byte ${from + firstDifference(a, b)}`;
  }
  return null;
}

export async function compareList(src: VerifyLink, tgt: VerifyLink, key: Buffer, limits: ChunkLimits) {
  const [s, t] = await bothLengths(src, tgt, "LLEN", key);
  if (s !== t) return `list has ${s} elements in source, ${t} in target`;
  for (let from = 0; from < s; from += limits.elements) {
    const [a, b] = await bothWindows<Buffer[]>(src, tgt, ["LRANGE", key, from, from + limits.elements - 1], "LRANGE");
    for (let i = 0; i < a.length; i++) {
      if (!b[i] || !a[i].equals(b[i])) return `list element at index ${from + i} differs`;
    }
  }
  return null;
}

type StreamEntry = [Buffer, Buffer[]];

/** Entries page by page (XRANGE ... COUNT), then the consumer groups (compare-stream-groups.ts). */
export async function compareStream(src: VerifyLink, tgt: VerifyLink, key: Buffer, limits: ChunkLimits) {
  const [s, t] = await bothLengths(src, tgt, "XLEN", key);
  if (s !== t) return `stream has ${s} entries in source, ${t} in target`;
  let start = "-";
  for (;;) {
    const [a, b] = await bothWindows<StreamEntry[]>(src, tgt, ["XRANGE", key, start, "+", "COUNT", limits.elements], "XRANGE");
    for (let i = 0; i < a.length; i++) {
      const id = a[i][0].toString("latin1");
      if (!b[i] || b[i][0].toString("latin1") !== id) return `stream entry ${id} missing in target`;
      if (!sameFields(a[i][1], b[i][1])) return `stream entry ${id} differs`;
    }
    if (a.length < limits.elements) break;
    start = nextStreamId(a[a.length - 1][0].toString("latin1"));
  }
  return compareStreamGroups(src, tgt, key, limits.elements);
}

function sameFields(a: Buffer[], b: Buffer[]): boolean {
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!a[i].equals(b[i])) return false;
  return true;
}

function firstDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}
