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
 * Streams keep their entry ids, last-generated id and consumer groups (each group's
 * last-delivered id and entries-read). Not carried: the groups' pending entries lists (PEL) and
 * consumers, i.e. which consumer holds which unacknowledged entry and its delivery count/idle
 * time; XCLAIM cannot recreate them faithfully. Consumers re-read from the group's position.
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
  for (const g of groups) {
    const group = fields(g);
    const read = group.get("entries-read");
    await write(0, "XGROUP", "CREATE", tmp, group.get("name") as Buffer, group.get("last-delivered-id") as Buffer,
      ...(typeof read === "number" ? ["ENTRIESREAD", read] : []));
  }
}
