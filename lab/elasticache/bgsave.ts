import fs from "node:fs";
import path from "node:path";
import type Redis from "ioredis";
import { labCall } from "./refused-commands";

/**
 * Takes a real RDB of one node with BGSAVE and copies it to `dest`. Waits on `rdb_saves`
 * (which counts completed saves) rather than LASTSAVE, whose one-second resolution would
 * confuse two snapshots taken in the same second.
 */
export async function bgsaveTo(client: Redis, nodeDir: string, dest: string, timeoutMs = 600_000): Promise<number> {
  const saves = async () => Number((await client.info("persistence")).match(/rdb_saves:(\d+)/)?.[1] ?? 0);
  const before = await saves();
  try {
    await labCall(client, "BGSAVE");
  } catch (err) {
    // A save already running (e.g. a replica's full sync) finishes first; ask for one after it.
    if (!/in progress/i.test((err as Error).message)) throw err;
    await labCall(client, "BGSAVE", "SCHEDULE");
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await client.info("persistence");
    const done = Number(info.match(/rdb_saves:(\d+)/)?.[1] ?? 0) > before && /rdb_bgsave_in_progress:0/.test(info);
    if (done) {
      if (!/rdb_last_bgsave_status:ok/.test(info)) throw new Error("BGSAVE failed (rdb_last_bgsave_status is err)");
      break;
    }
    if (Date.now() > deadline) throw new Error("BGSAVE did not finish in time");
    await new Promise((r) => setTimeout(r, 50));
  }
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  await fs.promises.copyFile(path.join(nodeDir, "dump.rdb"), dest);
  return (await fs.promises.stat(dest)).size;
}
