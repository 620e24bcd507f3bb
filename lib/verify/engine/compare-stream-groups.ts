import "server-only";
import { displayKey } from "./key-display";
import type { RespReply } from "./resp-parser";
import { nextStreamId } from "./stream-id";
import { expectOk, type VerifyLink } from "./verify-link";

type Flat = RespReply[];

/**
 * Consumer groups as a consumer depends on them after cutover: position (last-delivered-id,
 * entries-read), the pending entries list (ids and their owners; a message acknowledged on one
 * end only would never be redelivered from the other) and the consumers' names. Idle times and
 * delivery counts are not compared: they move with every read and differ between any two copies.
 */
export async function compareStreamGroups(src: VerifyLink, tgt: VerifyLink, key: Buffer, pageSize: number): Promise<string | null> {
  const [a, b] = await both<Flat[]>(src, tgt, ["XINFO", "GROUPS", key], "XINFO GROUPS");
  const target = new Map(b.map((g) => [field(g, "name"), g]));
  if (a.length !== b.length) return `stream has ${a.length} consumer groups in source, ${b.length} in target`;
  for (const g of a) {
    const name = field(g, "name");
    const label = `stream consumer group '${displayKey(Buffer.from(name, "latin1"), 64)}'`;
    const t = target.get(name);
    if (!t) return `${label} missing in target`;
    for (const f of ["last-delivered-id", "entries-read", "pending"]) {
      if (field(g, f) !== field(t, f)) return `${label} ${f} ${field(g, f)} in source, ${field(t, f)} in target`;
    }
    const [ca, cb] = await both<Flat[]>(src, tgt, ["XINFO", "CONSUMERS", key, name], "XINFO CONSUMERS");
    const names = (cs: Flat[]) => cs.map((c) => field(c, "name")).sort().join("\u0000");
    if (names(ca) !== names(cb)) return `${label} has consumers [${readable(ca)}] in source, [${readable(cb)}] in target`;
    const pel = await comparePending(src, tgt, key, name, pageSize);
    if (pel) return `${label} ${pel}`;
  }
  return null;
}

/** XPENDING page by page: [id, consumer, idle, deliveries] entries, compared on id and owner. */
async function comparePending(src: VerifyLink, tgt: VerifyLink, key: Buffer, group: string, pageSize: number): Promise<string | null> {
  let start = "-";
  for (;;) {
    const [a, b] = await both<Flat[]>(src, tgt, ["XPENDING", key, group, start, "+", pageSize], "XPENDING");
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const [x, y] = [a[i], b[i]];
      if (!y) return `pending entry ${text(x[0])} (consumer ${text(x[1])}) is not pending in target`;
      if (!x) return `pending entry ${text(y[0])} is pending in target only`;
      if (text(x[0]) !== text(y[0])) return `pending entries differ: ${text(x[0])} in source, ${text(y[0])} in target`;
      if (text(x[1]) !== text(y[1])) return `pending entry ${text(x[0])} belongs to ${text(x[1])} in source, ${text(y[1])} in target`;
    }
    if (a.length < pageSize) return null;
    start = nextStreamId(text(a[a.length - 1][0]));
  }
}

async function both<T extends RespReply>(src: VerifyLink, tgt: VerifyLink, cmd: (string | number | Buffer)[], what: string) {
  const [[s], [t]] = await Promise.all([src.send([cmd]), tgt.send([cmd])]);
  return [expectOk<T>(s, what), expectOk<T>(t, what)] as const;
}

const text = (r: RespReply) => (Buffer.isBuffer(r) ? r.toString("latin1") : String(r));

function field(flat: Flat, name: string): string {
  for (let i = 0; i + 1 < flat.length; i += 2) {
    if (Buffer.isBuffer(flat[i]) && (flat[i] as Buffer).toString("latin1") === name) return text(flat[i + 1]);
  }
  return "";
}

function readable(consumers: Flat[]): string {
  return consumers.map((c) => `'${displayKey(Buffer.from(field(c, "name"), "latin1"), 32)}'`).sort().join(", ");
}
