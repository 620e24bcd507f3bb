import "server-only";
import { CHUNK_BYTES, CHUNK_ELEMENTS, emptyResult, type CopyContext, type CopyResult } from "./copy-context";
import { copyStreamChunks } from "./copy-stream";
import { tempKeyName } from "./temp-key-name";

type Reply = Buffer | number | null | Reply[];
const isZero = (c: Buffer) => c.length === 1 && c[0] === 0x30;
const size = (items: Buffer[]) => items.reduce((n, b) => n + b.length, 0);

/**
 * Copies one key element by element into a temporary key in the same hash slot, then RENAMEs it
 * into place with its TTL in one MULTI, so readers of the target never see half a key. Only one
 * chunk (CHUNK_ELEMENTS elements or CHUNK_BYTES) is held at a time, whatever the key's size.
 */
export async function copyKeyByType(ctx: CopyContext, key: Buffer, type: string): Promise<CopyResult> {
  const result = emptyResult();
  const pttl = Number(await ctx.src.pttl(key));
  const tmp = tempKeyName(key);
  let wrote = false;
  const write = async (bytes: number, ...command: (string | Buffer | number)[]) => {
    await ctx.budget.acquire(bytes);
    try {
      await ctx.tgt.callBuffer(String(command[0]), ...command.slice(1));
      wrote = true;
      result.bytes += bytes;
    } finally {
      ctx.budget.release(bytes);
    }
  };
  try {
    if (pttl !== -2) await copyChunks(ctx, key, tmp, type, write);
  } catch (err) {
    await ctx.tgt.del(tmp).catch(() => {});
    // The key changed type or vanished under the read: its event re-queues it.
    if (/WRONGTYPE/.test((err as Error).message)) return { ...result, skipped: 1 };
    throw err;
  }
  if (ctx.isStale(key)) {
    if (wrote) await ctx.tgt.del(tmp);
    return { ...result, skipped: 1 };
  }
  if (!wrote) {
    await ctx.tgt.del(key);
    return { ...result, deleted: 1 };
  }
  const tx = ctx.tgt.multi().rename(tmp, key);
  if (pttl > 0) tx.pexpire(key, pttl);
  const replies = await tx.exec();
  const failed = replies?.find(([err]) => err);
  if (failed) throw failed[0];
  return { ...result, copied: 1 };
}

type Write = (bytes: number, ...command: (string | Buffer | number)[]) => Promise<void>;

async function copyChunks(ctx: CopyContext, key: Buffer, tmp: Buffer, type: string, write: Write): Promise<void> {
  const read = (...args: (string | Buffer | number)[]) => ctx.src.callBuffer(String(args[0]), ...args.slice(1)) as Promise<Reply>;
  switch (type) {
    case "string": {
      for (let offset = 0; ; offset += CHUNK_BYTES) {
        const chunk = (await read("GETRANGE", key, offset, offset + CHUNK_BYTES - 1)) as Buffer;
        if (offset === 0 || chunk.length > 0) await write(chunk.length, offset === 0 ? "SET" : "APPEND", tmp, chunk);
        if (chunk.length < CHUNK_BYTES) return;
      }
    }
    case "hash":
    case "set":
    case "zset": {
      const [scan, add] = type === "hash" ? ["HSCAN", "HSET"] : type === "set" ? ["SSCAN", "SADD"] : ["ZSCAN", "ZADD"];
      let cursor: Buffer = Buffer.from("0");
      do {
        const [next, items] = (await read(scan, key, cursor, "COUNT", CHUNK_ELEMENTS)) as [Buffer, Buffer[]];
        cursor = next;
        if (items.length === 0) continue;
        // ZSCAN answers member, score; ZADD wants score, member.
        const args = type === "zset" ? items.flatMap((_, i) => (i % 2 ? [items[i], items[i - 1]] : [])) : items;
        await write(size(items), add, tmp, ...args);
      } while (!isZero(cursor));
      return;
    }
    case "list": {
      for (let start = 0; ; start += CHUNK_ELEMENTS) {
        const items = (await read("LRANGE", key, start, start + CHUNK_ELEMENTS - 1)) as Buffer[];
        if (items.length > 0) await write(size(items), "RPUSH", tmp, ...items);
        if (items.length < CHUNK_ELEMENTS) return;
      }
    }
    case "stream":
      return copyStreamChunks(key, tmp, read, write);
    case "none":
      return;
    default:
      throw new Error(`type-level copy does not support ${type} keys (modules)`);
  }
}
