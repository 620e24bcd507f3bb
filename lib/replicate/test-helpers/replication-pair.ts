// Test support (not a test): a source with keyspace notifications on, a target, and a replicator
// between them that records its events and checkpoints. The only test file importing lib/verify.
import { compareKeyspaces } from "@/lib/verify/engine/compare-keyspaces";
import { startRedisPair, seedMixed, type RedisPair } from "@/lib/verify/test-helpers/test-redis-pair";
import { createReplicator } from "../create-replicator";
import type { Replicator, TReplicationCheckpoint, TReplicationEnd, TReplicationEvent, TReplicationOptions } from "../types";

export { seedMixed };
export type ReplicationPair = RedisPair & { ends: { source: TReplicationEnd; target: TReplicationEnd } };

export async function startReplicationPair(opts: { sourceArgs?: string[]; targetArgs?: string[] } = {}): Promise<ReplicationPair> {
  const pair = await startRedisPair({ sourceArgs: ["--notify-keyspace-events", "KEA", ...(opts.sourceArgs ?? [])], targetArgs: opts.targetArgs });
  const end = (p: { host: string; port: number }, label: string): TReplicationEnd => ({ redis: { host: p.host, port: p.port }, label: `${label} ${p.host}:${p.port}` });
  return Object.assign(pair, { ends: { source: end(pair.source, "source"), target: end(pair.target, "target") } });
}

export const TEST_OPTIONS: TReplicationOptions = { dbs: [0], copyMode: "auto", bigKeyBytes: 1024 * 1024, batchSize: 200, maxBytesInFlight: 8 * 1024 * 1024 };

export type TestReplicator = { replicator: Replicator; events: TReplicationEvent[]; checkpoints: TReplicationCheckpoint[] };

export function startTestReplicator(pair: ReplicationPair, opts: { options?: Partial<TReplicationOptions>; checkpoint?: TReplicationCheckpoint } = {}): TestReplicator {
  const events: TReplicationEvent[] = [];
  const checkpoints: TReplicationCheckpoint[] = [];
  const replicator = createReplicator({
    source: pair.ends.source,
    target: pair.ends.target,
    options: { ...TEST_OPTIONS, ...opts.options },
    checkpoint: opts.checkpoint,
    onCheckpoint: async (cp) => {
      checkpoints.push(cp);
    },
    onEvent: (e) => {
      events.push(e);
    },
  });
  return { replicator, events, checkpoints };
}

/** Differences between the two ends by the verification engine (one round, both directions). */
export async function countDifferences(pair: ReplicationPair, dbs = [0]): Promise<number> {
  const result = await compareKeyspaces({ ...pair.sides, dbs, reverse: true, rounds: 1 });
  return result.mismatchCount;
}

export function kinds(events: TReplicationEvent[]): string[] {
  return events.map((e) => e.kind);
}
