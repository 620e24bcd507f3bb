import "server-only";
import { AppError } from "@/lib/errors";
import { sleep } from "../verify-run";
import type { CompareClusterKeyspacesOptions } from "./cluster-verify-types";
import { readVerifyNodes, type TVerifySideNodes } from "./read-verify-nodes";
import type { SourceSlotMoved } from "./source-move-guard";

/** Pause between topology reads while a failover's new owner spreads through the cluster's gossip. */
export const TOPOLOGY_SETTLE_MS = 100;
/** Reads before giving up: 100 x 100 ms, longer than a manual failover takes to be seen by every node. */
export const TOPOLOGY_SETTLE_READS = 100;

/**
 * Both ends' topology once it agrees with the redirect a source node answered: the slot owned by
 * the node MOVED named, or (ASK) the slot seen resharding or already handed over. Until then the
 * seed may still describe the old owner, and a pair planned from it would be redirected again.
 */
export async function settledTopology(opts: CompareClusterKeyspacesOptions, moved: SourceSlotMoved, signal: AbortSignal): Promise<{ src: TVerifySideNodes; tgt: TVerifySideNodes }> {
  const r = moved.redirect;
  let lastError: unknown = null;
  for (let read = 0; read < TOPOLOGY_SETTLE_READS && !signal.aborted; read++) {
    try {
      const [src, tgt] = await Promise.all([readVerifyNodes(opts.source), readVerifyNodes(opts.target)]);
      const owner = src.nodes.find((n) => n.slots.some(([a, b]) => r.slot >= a && r.slot <= b));
      const settled = r.kind === "MOVED"
        ? owner?.endpoint.host === r.host && owner.endpoint.port === r.port
        : src.moves.some((m) => m.slot === r.slot) || owner?.label !== moved.node;
      if (settled) return { src, tgt };
    } catch (err) {
      lastError = err; // a node mid-failover may refuse or drop the read: read again
    }
    await sleep(TOPOLOGY_SETTLE_MS, signal);
  }
  if (signal.aborted) throw new AppError("VERIFY_CANCELLED", "verification cancelled");
  const why = lastError instanceof Error ? ` (last read: ${lastError.message})` : "";
  throw new AppError("REDIS_ERROR", `${moved.message} The source's topology did not settle within ${(TOPOLOGY_SETTLE_MS * TOPOLOGY_SETTLE_READS) / 1000} s${why}; verify again once it is stable.`);
}
