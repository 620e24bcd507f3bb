import "server-only";
import { clusterNodeEndpoint } from "@/lib/redis/cluster/cluster-node-endpoint";
import { keySlot } from "@/lib/redis/cluster/key-slot";
import { compareKeyspaces } from "../compare-keyspaces";
import { redisEndpointToResp } from "../redis-endpoint-to-resp";
import type { KeyMismatch, VerifyProgress } from "../types";
import { openLink } from "../verify-link";
import type { CompareClusterKeyspacesOptions } from "./cluster-verify-types";
import { toPairResult, type TPairResult } from "./cluster-checkpoint";
import { slotMask, type TVerifyPair } from "./plan-verify-pairs";
import { RedirectFollowingLink } from "./redirect-following-link";
import { SourceMoveGuard } from "./source-move-guard";

export type TPairOutcome = { result: TPairResult; mismatches: KeyMismatch[] };

/**
 * Compares one source node x target node pair (its slots only) with the engine. Target lookups
 * that answer MOVED/ASK are asked again at the node named (RedirectFollowingLink); a source node
 * that redirects throws SourceSlotMoved, so the caller redoes the pair on the new topology. The
 * pair's differences are held here and handed on by the caller once the pair has finished:
 * a pair that is redone never reports twice.
 */
export async function runVerifyPair(opts: CompareClusterKeyspacesOptions, pair: TVerifyPair, signal: AbortSignal, onProgress: (p: VerifyProgress) => void): Promise<TPairOutcome> {
  const mask = slotMask(pair.slots);
  const mismatches: KeyMismatch[] = [];
  const cap = opts.maxRecheckKeys ?? 100_000;
  const followers: RedirectFollowingLink[] = [];
  const openTargetNode = (host: string, port: number) => openLink(
    { endpoint: redisEndpointToResp(clusterNodeEndpoint(pair.target.endpoint, { host, port })) },
    { label: `target ${host}:${port}`, replyTimeoutMs: opts.replyTimeoutMs },
  );
  const result = await compareKeyspaces({
    ...opts, // the engine's knobs; the cluster-only ones are ignored by it, the rest are replaced below
    resumeFrom: undefined,
    onCheckpoint: undefined,
    liveness: undefined,
    signal,
    source: { endpoint: { ...redisEndpointToResp(pair.source.endpoint), label: "source" }, readOnly: true },
    target: { endpoint: { ...redisEndpointToResp(pair.target.endpoint), label: "target" } },
    keyFilter: (key) => mask[keySlot(key)] === 1,
    // Beyond the cap they are counted, not kept (memory stays bounded whatever a pair holds).
    onMismatch: (m) => void (mismatches.length < cap && mismatches.push(m)),
    onProgress,
    wrapLink: (link, side) => {
      if (side === "source") return new SourceMoveGuard(link, pair.source.label);
      const follower = new RedirectFollowingLink(link, openTargetNode);
      followers.push(follower);
      return follower;
    },
  });
  const redirects = { moved: 0, ask: 0 };
  for (const f of followers) [redirects.moved, redirects.ask] = [redirects.moved + f.counts.moved, redirects.ask + f.counts.ask];
  return { result: toPairResult(result, redirects), mismatches };
}
