import "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { StartMigrationCommand } from "@aws-sdk/client-elasticache";
import { labClients, waitFor } from "../../lab/test-clients";
import { db } from "../db";
import { MigrationConnections } from "./connections";
import { createFlowContext } from "./flow-context";
import { DEFAULT_FLOW_OPTIONS } from "./runner";
import { onlineWaitInSync } from "./steps/online-wait-in-sync";
import { readTargetShards } from "./steps/target-shards";
import { seedElastiCache, seedMigration, seedSelfManaged } from "./test-helpers/fixtures";
import { setUpFlowLab } from "./test-helpers/flow-lab";

const f = setUpFlowLab({ lab: { selfManaged: [{ name: "cl-src", cluster: { shards: 3 }, keys: 1500 }], groups: [{ id: "cl-tgt", shards: 3, nodes: 2 }] } });

async function contextFor(migrationId: string) {
  const migration = await db.migration.findUniqueOrThrow({ where: { id: migrationId }, include: { source: true, target: true } });
  const conns = new MigrationConnections(migration.sourceId, migration.targetId);
  const ctx = createFlowContext({ migration, stepRowId: "none", detail: {}, stepStartedAt: null, owner: "test", leaseMs: 10_000, options: DEFAULT_FLOW_OPTIONS, conns });
  return { ctx, conns };
}

describe("online steps against a cluster-mode-enabled target", () => {
  it("wait-in-sync reads every shard found through NodeGroups and is done only when all are in sync", async () => {
    const src = f.lab.selfManaged[0];
    const sourceId = await seedSelfManaged(f.actor, "cl-source", src.port);
    const targetId = await seedElastiCache(f.actor, "cl-target", f.lab, "cl-tgt");
    const { ctx, conns } = await contextFor(await seedMigration(f.actor, "online", sourceId, targetId));
    try {
      const before = await readTargetShards(ctx);
      expect(before?.shards.map((s) => s.nodeGroupId)).toEqual(["0001", "0002", "0003"]);
      expect(before?.behind).toEqual(["shard 0001 is not replicating", "shard 0002 is not replicating", "shard 0003 is not replicating"]);

      await labClients(f.lab).ec.send(new StartMigrationCommand({ ReplicationGroupId: "cl-tgt", CustomerNodeEndpointList: [{ Address: src.host, Port: src.port }] }));
      const done = await waitFor("wait-in-sync done", async () => {
        const out = await onlineWaitInSync.run(ctx);
        return out.status === "done" && out;
      });
      const shards = (done.detail as { shards: { nodeGroupId: string; linkUp: boolean }[] }).shards;
      expect(shards.map((s) => [s.nodeGroupId, s.linkUp])).toEqual([["0001", true], ["0002", true], ["0003", true]]);
      // Each shard's primary replicates the source shard owning the same slots.
      const during = await readTargetShards(ctx);
      expect(during?.shards.map((s) => s.view?.masterPort)).toEqual(src.shards!.map((s) => s.primary));
    } finally {
      conns.close();
    }
  }, 60_000);
});
