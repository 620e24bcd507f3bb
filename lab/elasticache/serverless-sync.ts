import type { LabContext } from "../context";
import { labCall } from "./refused-commands";
import { sourceClient } from "./serverless-source";
import type { ServerlessCache } from "./serverless-state";

/** How often the lab looks at a migrating cache's link (status changes, auto-cutover). */
export const SERVERLESS_SYNC_POLL_MS = 100;

export function serverlessEvent(ctx: LabContext, cache: ServerlessCache, message: string): void {
  ctx.event({ accountId: cache.account.accountId, sourceId: cache.name, sourceType: "serverless-cache", message });
}

/** Follows the cache node's replication link: syncing <-> in-sync, and an automatic cutover at the first in-sync reading. */
export function watchServerlessSync(ctx: LabContext, cache: ServerlessCache): void {
  ctx.later(SERVERLESS_SYNC_POLL_MS, async () => {
    const m = cache.migration;
    if (!m || !cache.node || (m.status !== "syncing" && m.status !== "in-sync")) return;
    const info = await ctx.redis(cache.node.port).info("replication");
    const synced = /master_link_status:up/.test(info) && !/master_sync_in_progress:1/.test(info);
    if (synced && m.status === "syncing") serverlessEvent(ctx, cache, `Migration for ${cache.name} is in sync with the source`);
    if (cache.migration !== m || (m.status !== "syncing" && m.status !== "in-sync")) return; // stopped meanwhile
    m.status = synced ? "in-sync" : "syncing";
    if (synced && m.cutoverMode === "auto") {
      serverlessEvent(ctx, cache, `Automatic cutover started for ${cache.name}`);
      return cutOver(ctx, cache);
    }
    watchServerlessSync(ctx, cache);
  });
}

/**
 * The cutover: client bytes are held at the endpoint, the last writes drain into the cache, the
 * cache stops replicating, and every connection moves to the cache (serverless-proxy.ts).
 */
export async function cutOver(ctx: LabContext, cache: ServerlessCache): Promise<void> {
  const m = cache.migration!;
  m.status = "cutting-over";
  const node = ctx.redis(cache.node!.port);
  // The demo's write load on the source stands for applications that did not move to the endpoint.
  for (const hook of ctx.cutoverHooks) await hook({ address: m.source.address, port: m.source.port });
  await cache.proxy!.switchTo(cache.node!.port, async () => {
    await drain(ctx, cache);
    await labCall(node, "REPLICAOF", "NO", "ONE");
  });
  m.status = "completed";
  serverlessEvent(ctx, cache, `Migration completed for ${cache.name}: the endpoint now serves the cache`);
}

/** Waits (at most 2 s) until the cache has applied everything the source has written. */
async function drain(ctx: LabContext, cache: ServerlessCache): Promise<void> {
  const src = sourceClient(ctx, cache.migration!.source);
  const offset = (info: string, field: string) => Number(new RegExp(`${field}:(\\d+)`).exec(info)?.[1] ?? NaN);
  try {
    await src.connect();
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline) {
      const [s, t] = await Promise.all([src.info("replication"), ctx.redis(cache.node!.port).info("replication")]);
      if (offset(t, "slave_repl_offset") >= offset(s, "master_repl_offset")) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    src.disconnect();
  }
}
