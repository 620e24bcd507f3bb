import { describe, expect, it } from "vitest";
import { keyspaceNotificationsCheck, notificationCoverage } from "./notification-checks";

const pg = (name: string, value: string | null) => ({
  from: "parameter-group" as const, replicationGroupId: "orders", family: "redis7", error: null,
  group: { name, isDefault: name.startsWith("default."), applyStatus: "in-sync", memberGroups: [name], notifyKeyspaceEvents: value },
});

describe("keyspace notifications check", () => {
  it("needs K or E plus every class", () => {
    expect(["", "A", "gx", "Kg", "KEA", "Elshzxeg$", "Ex"].map(notificationCoverage)).toEqual(["none", "none", "none", "some", "all", "all", "some"]);
  });

  it("a Serverless source is a warning that says the migration will not be live", () => {
    const c = keyspaceNotificationsCheck({ from: "none", reason: "orders is ElastiCache Serverless, which has no keyspace notifications." });
    expect(c).toMatchObject({ status: "warn", evidence: expect.stringContaining("Serverless") });
    expect(c.why).toMatch(/not live/);
    expect(c.autoFix).toBeUndefined();
  });

  it("a default parameter group gets the create-and-attach fix, a custom one the modify fix", () => {
    const onDefault = keyspaceNotificationsCheck(pg("default.redis7", ""));
    expect(onDefault.status).toBe("fail");
    expect(onDefault.fix).toContain("--cache-parameter-group-name ferry-kea-orders --cache-parameter-group-family redis7");
    expect(onDefault.fix).toContain("modify-replication-group --replication-group-id orders --cache-parameter-group-name ferry-kea-orders");
    expect(onDefault.fix).not.toContain("cluster-enabled");
    // A custom group starts with cluster-enabled no: a cluster-mode group would refuse to attach it.
    const clustered = keyspaceNotificationsCheck({ ...pg("default.redis7.cluster.on", ""), clusterEnabled: true });
    expect(clustered.fix).toContain("--parameter-name-values ParameterName=notify-keyspace-events,ParameterValue=KEA ParameterName=cluster-enabled,ParameterValue=yes");
    const onCustom = keyspaceNotificationsCheck(pg("orders-params", "Kg"));
    expect(onCustom.status).toBe("warn");
    expect(onCustom.fix).toContain("--cache-parameter-group-name orders-params --parameter-name-values ParameterName=notify-keyspace-events,ParameterValue=KEA");
    expect(keyspaceNotificationsCheck(pg("orders-params", "KEA"))).toMatchObject({ status: "pass", fix: "" });
  });
});
