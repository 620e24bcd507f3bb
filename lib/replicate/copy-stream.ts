import { CHUNK_ELEMENTS } from "./copy-context";

type Reply = Buffer | number | null | Reply[];
type Read = (...args: (string | Buffer | number)[]) => Promise<Reply>;
type Write = (bytes: number, ...command: (string | Buffer | number)[]) => Promise<void>;

function fields(flat: Reply[]): Map<string, Reply> {
  const m = new Map<string, Reply>();
  for (let i = 0; i + 1 < flat.length; i += 2) m.set(String(flat[i]), flat[i + 1]);
  return m;
}

/**
 * Streams keep their entry ids, last-generated id and consumer groups: each group's
 * last-delivered id and entries-read, its consumers, and its pending entries list (which consumer
 * holds which unacknowledged entry, with its idle time and delivery count), so after cutover a
 * consumer that crashed mid-work still finds its entries pending. A pending entry whose message was
 * XDEL'd cannot be recreated (XCLAIM needs the message); the verification then names it.
 */
export async function copyStreamChunks(key: Buffer, tmp: Buffer, read: Read, write: Write): Promise<void> {
  let start: string | Buffer = "-";
  let wrote = false;
  for (;;) {
    const entries = (await read("XRANGE", key, start, "+", "COUNT", CHUNK_ELEMENTS)) as [Buffer, Buffer[]][];
    for (const [id, kv] of entries) {
      await write(kv.reduce((n, b) => n + b.length, id.length), "XADD", tmp, id, ...kv);
      wrote = true;
    }
    if (entries.length < CHUNK_ELEMENTS) break;
    start = `(${entries[entries.length - 1][0].toString("latin1")}`;
  }
  const info = fields((await read("XINFO", "STREAM", key)) as Reply[]);
  const lastId = info.get("last-generated-id") as Buffer;
  if (!wrote) {
    // An empty stream still exists (with its last id and groups): create it, then empty it.
    await write(0, "XADD", tmp, "0-1", "f", "v");
    await write(0, "XDEL", tmp, "0-1");
  }
  const added = info.get("entries-added");
  const maxDeleted = info.get("max-deleted-entry-id");
  await write(0, "XSETID", tmp, lastId, ...(added !== undefined && maxDeleted ? ["ENTRIESADDED", Number(added), "MAXDELETEDID", maxDeleted as Buffer] : []));
  const groups = (await read("XINFO", "GROUPS", key)) as Reply[][];
  for (const g of groups) await copyGroup(key, tmp, fields(g), read, write);
}

async function copyGroup(key: Buffer, tmp: Buffer, group: Map<string, Reply>, read: Read, write: Write): Promise<void> {
  const name = group.get("name") as Buffer;
  const lastDelivered = group.get("last-delivered-id") as Buffer;
  const entriesRead = group.get("entries-read");
  const position = typeof entriesRead === "number" ? ["ENTRIESREAD", entriesRead] : [];
  await write(0, "XGROUP", "CREATE", tmp, name, lastDelivered, ...position);
  // Consumers with nothing pending exist too (XCLAIM only creates those that own an entry).
  for (const c of (await read("XINFO", "CONSUMERS", key, name)) as Reply[][]) {
    await write(0, "XGROUP", "CREATECONSUMER", tmp, name, fields(c).get("name") as Buffer);
  }
  let start: string = "-";
  for (;;) {
    const page = (await read("XPENDING", key, name, start, "+", CHUNK_ELEMENTS)) as [Buffer, Buffer, number, number][];
    for (const [id, consumer, idle, deliveries] of page) {
      await write(0, "XCLAIM", tmp, name, consumer, 0, id, "IDLE", idle, "RETRYCOUNT", deliveries, "FORCE", "JUSTID");
    }
    if (page.length < CHUNK_ELEMENTS) break;
    start = `(${page[page.length - 1][0].toString("latin1")}`;
  }
  // Claiming may move the group's position on some versions: put it back exactly.
  await write(0, "XGROUP", "SETID", tmp, name, lastDelivered, ...position);
}
