import type { Baseline, BaselineShard } from "./baseline-types";
import type { BaselineDiffRow } from "./diff-baselines";

/**
 * Side-by-side rows per shard, matched by slot range: with the same split, each shard's keys
 * must match exactly (the online strategy pairs shards by slots); a range only one side has
 * (another shard count or split) is shown, not judged, since its keys live on several shards.
 */
export function baselineShardRows(a: Baseline, b: Baseline): BaselineDiffRow[] {
  if (!a.shards && !b.shards) return [];
  const rows: BaselineDiffRow[] = [];
  const na = a.shards?.length ?? 1;
  const nb = b.shards?.length ?? 1;
  rows.push({ path: "shards.count", label: "Shards", a: na, b: nb, status: na === nb ? "same" : "expected-diff", note: "A single node counts as one shard; per-shard rows below are matched by slot range." });
  const bySlots = (list: BaselineShard[] | undefined) => new Map((list ?? []).map((s) => [s.slots, s]));
  const [ma, mb] = [bySlots(a.shards), bySlots(b.shards)];
  const ranges = [...new Set([...ma.keys(), ...mb.keys()])].sort((x, y) => Number(x.split("-")[0]) - Number(y.split("-")[0]));
  for (const slots of ranges) {
    const [sa, sb] = [ma.get(slots), mb.get(slots)];
    const both = sa && sb;
    const cell = (s: BaselineShard | undefined, v: (s: BaselineShard) => number | string | boolean | null) => (s ? (s.error ? `unreadable: ${s.error}` : v(s)) : null);
    const keysA = cell(sa, (s) => s.totalKeys);
    const keysB = cell(sb, (s) => s.totalKeys);
    const unreadable = !!(sa?.error || sb?.error);
    rows.push({
      path: `shards.${slots}.keys`,
      label: `Shard ${slots} keys (${sa?.primary ?? "-"} / ${sb?.primary ?? "-"})`,
      a: keysA,
      b: keysB,
      status: unreadable ? "differs" : !both ? "expected-diff" : keysA === keysB ? "same" : "differs",
      note: unreadable ? "A shard's primary could not be read at capture time." : both ? "Same slots on both ends: the keys must match exactly." : "Only one end has a shard with exactly these slots (another shard count or split).",
    });
    rows.push({
      path: `shards.${slots}.usedMemory`,
      label: `Shard ${slots} used memory (bytes)`,
      a: cell(sa, (s) => s.usedMemory),
      b: cell(sb, (s) => s.usedMemory),
      status: "expected-diff",
      note: "Per-shard memory follows the keys, give or take allocator differences.",
    });
    if (both && !unreadable) {
      rows.push({
        path: `shards.${slots}.rdbLastBgsaveStatus`,
        label: `Shard ${slots} last BGSAVE status`,
        a: sa.rdbLastBgsaveStatus,
        b: sb.rdbLastBgsaveStatus,
        status: sa.rdbLastBgsaveStatus === sb.rdbLastBgsaveStatus ? "same" : "differs",
        note: "A failed BGSAVE on one shard means that shard is not being snapshotted.",
      });
    }
  }
  return rows;
}
