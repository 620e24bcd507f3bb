import "server-only";
import type { Endpoint, Replication } from "@prisma/client";
import { resolveEndpoint } from "../../endpoints/resolve-endpoint";
import { openReplicatorForEnds } from "../../replicate";
import type { Replicator, TReplicationCheckpoint, TReplicationEvent, TReplicationOptions } from "../../replicate/types";

export type TReplicationRow = Replication & { migration: { source: Endpoint; target: Endpoint } };

/**
 * The engine's replicator for one Replication row. Reverse replication is the same replicator with
 * the ends swapped: the migration's target is then read (through the engine's read-only source
 * connection) and the old source is written to.
 */
export async function openReplicator(opts: {
  row: TReplicationRow;
  options: TReplicationOptions;
  checkpoint?: TReplicationCheckpoint;
  onCheckpoint(cp: TReplicationCheckpoint): Promise<void>;
  onEvent(e: TReplicationEvent): void;
}): Promise<Replicator> {
  const { source, target } = opts.row.migration;
  const [from, to] = opts.row.direction === "reverse" ? [target, source] : [source, target];
  const [fromEnd, toEnd] = await Promise.all([resolveEndpoint(from.id), resolveEndpoint(to.id)]);
  return openReplicatorForEnds({
    source: { redis: fromEnd.redis, label: `${opts.row.direction === "reverse" ? "new target" : "source"} ${from.name}` },
    target: { redis: toEnd.redis, label: `${opts.row.direction === "reverse" ? "old source" : "target"} ${to.name}` },
    options: opts.options,
    checkpoint: opts.checkpoint,
    onCheckpoint: opts.onCheckpoint,
    onEvent: opts.onEvent,
  });
}
