import "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { buildSample } from "./build-sample";
import type { TEndFacts } from "./end-facts";
import { GateWatch } from "./gate-watch";
import { aggregateShardRows } from "./shard-facts";
import { createMigrationRow } from "./test-helpers/fixtures";

const facts = (o: Partial<TEndFacts>): TEndFacts => ({
  role: "primary", masterOffset: 5_000, slaveOffset: null, linkUp: null, syncInProgress: null, syncReadBytes: null, syncTotalBytes: null,
  keys: 0, memory: null, ops: null, replicas: 1, persistence: {} as TEndFacts["persistence"], ...o,
});
const replica = (keys: number) => facts({ role: "replica", slaveOffset: 5_000, linkUp: true, syncInProgress: false, keys });

/** A tick's row of a two-shard cluster migration, built as the shard readers build it: one big shard, one small. */
const clusterRow = (migrationId: string, at: Date, smallTargetKeys: number) =>
  aggregateShardRows([
    { nodeGroupId: "0001", row: buildSample({ migrationId, at, src: facts({ keys: 100_000 }), tgt: replica(100_000), withPersistence: false }) },
    { nodeGroupId: "0002", row: buildSample({ migrationId, at, src: facts({ keys: 1_000 }), tgt: replica(smallTargetKeys), withPersistence: false }) },
  ]);

/** Eight seconds of 1 Hz rows through a fresh watch (the sampler's path), then one judgment; the gate.opened events after it. */
async function watchCluster(name: string, smallTargetKeys: number) {
  // 1% allowed: the small shard's 20 missing keys are 2% of it, 0.02% of the whole migration.
  const m = await createMigrationRow({ name, source: { host: "127.0.0.1", port: 1 }, target: { host: "127.0.0.1", port: 2 }, options: { gate: { stableSeconds: 3, keyTolerancePct: 1 } } });
  const watch = new GateWatch();
  watch.setMeta([{ id: m.id, state: m.state, strategy: m.strategy, options: m.options }]);
  const start = Date.now() - 8_000;
  for (let i = 0; i <= 7; i++) watch.remember([clusterRow(m.id, new Date(start + i * 1_000), smallTargetKeys)], start + i * 1_000);
  await watch.judgeAll(start + 7_000);
  return db.event.findMany({ where: { migrationId: m.id, type: "gate.opened" } });
}

describe("GateWatch on a cluster-mode migration", () => {
  it("records gate.opened once every shard passes", async () => {
    expect(await watchCluster("all-shards", 1_000)).toHaveLength(1);
  });

  it("records no gate.opened while one shard's target lags behind in keys, though the summed counts agree within tolerance", async () => {
    expect(await watchCluster("one-shard-behind", 980)).toHaveLength(0);
  });
});
