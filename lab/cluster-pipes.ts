import Redis from "ioredis";
import { keySlot } from "../lib/redis/cluster/key-slot";

type Pipe = ReturnType<Redis["pipeline"]>;

/** Pipelines for one batch of writes, one per node that owns a written key. */
export type PipeBatch = { pipeFor(key: string): Pipe; exec(): Promise<void> };

/** Where batches of writes go: one node, or a cluster's primaries by slot. */
export type BatchWriter = { batch(): PipeBatch; close(): void };

export async function nodeWriter(host: string, port: number, db: number): Promise<BatchWriter> {
  const c = new Redis({ host, port, db, lazyConnect: true });
  await c.connect();
  return {
    batch() {
      const p = c.pipeline();
      return { pipeFor: () => p, exec: async () => void (await p.exec()) };
    },
    close: () => c.disconnect(),
  };
}

/**
 * Writes routed by slot to the primaries of a cluster whose topology does not change while loading
 * (CLUSTER SLOTS read once): the fast path for seeding a cluster, a pipeline per primary per batch.
 */
export async function clusterWriter(host: string, port: number): Promise<BatchWriter> {
  const seed = new Redis({ host, port });
  const ranges = (await seed.call("CLUSTER", "SLOTS").finally(() => seed.disconnect())) as [number, number, [string, number]][];
  const clients = new Map<number, Redis>();
  const owner = new Array<Redis>(16384);
  for (const [from, to, [, p]] of ranges) {
    const client = clients.get(p) ?? new Redis({ host, port: p });
    clients.set(p, client);
    owner.fill(client, from, to + 1);
  }
  return {
    batch() {
      const pipes = new Map<Redis, Pipe>();
      return {
        pipeFor(key) {
          const c = owner[keySlot(Buffer.from(key))];
          const p = pipes.get(c) ?? c.pipeline();
          pipes.set(c, p);
          return p;
        },
        async exec() {
          const results = await Promise.all([...pipes.values()].map((p) => p.exec()));
          const failed = results.flatMap((r) => r ?? []).find(([err]) => err);
          if (failed) throw failed[0];
        },
      };
    },
    close: () => clients.forEach((c) => c.disconnect()),
  };
}
