import { describe, expect, it } from "vitest";
import { defaultTargetShape } from "./target-group-defaults";

describe("defaultTargetShape", () => {
  it("proposes Multi-AZ with one replica per shard, even when the source group has none", () => {
    const single = { ReplicationGroupId: "src", CacheNodeType: "cache.t4g.small", NodeGroups: [{ NodeGroupMembers: [{}] }] };
    expect(defaultTargetShape({ usedMemoryBytes: 1e6, sourceGroup: single, rdbCount: 1 })).toMatchObject({ nodeType: "cache.t4g.small", numNodeGroups: 1, replicasPerNodeGroup: 1 });
    const pair = { ...single, NodeGroups: [{ NodeGroupMembers: [{}, {}, {}] }] };
    expect(defaultTargetShape({ usedMemoryBytes: 1e6, sourceGroup: pair, rdbCount: 1 }).replicasPerNodeGroup).toBe(2);
    const selfManaged = defaultTargetShape({ usedMemoryBytes: 1e6, rdbCount: 1 });
    expect(selfManaged.replicasPerNodeGroup).toBe(1);
    expect(selfManaged.why).toContain("Multi-AZ");
  });
});
