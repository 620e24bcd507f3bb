import "server-only";
import type { ReplicatorCore } from "./replicator-core";
import type { ScanWatch } from "./key-queue";
import { isError, parseKeyspaceInfo } from "./verify-bridge";

/**
 * Whether a scan batch may copy its keys without reading their PTTL: the db held no key with a
 * TTL when INFO keyspace answered (expires=0, after the subscriber was up) and no event has
 * arrived since, up to the batch's watch. A TTL set after INFO publishes an event (expire, set,
 * restore, rename_to...); one that arrives after the watch makes the key stale in the batch
 * (the scan skips it) or re-queues it after the batch's write, and live applies always read
 * PTTL, so the key ends with its TTL. Returns the test to run on each batch's watch.
 */
export async function ttlFreeScan(core: ReplicatorCore, db: number): Promise<(watch: ScanWatch) => boolean> {
  const seen = core.queue.pushed; // before INFO: an event racing with it disables the shortcut
  const [reply] = await core.scanLink(db).run((l) => l.send([["INFO", "keyspace"]]));
  if (isError(reply) || !Buffer.isBuffer(reply)) return () => false;
  const expires = parseKeyspaceInfo(reply.toString("latin1")).get(db)?.expires ?? 0;
  return (watch) => expires === 0 && watch.seq === seen;
}
