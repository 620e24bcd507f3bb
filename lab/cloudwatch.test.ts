import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetMetricDataCommand, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeReplicationGroupsCommand } from "@aws-sdk/client-elasticache";
import { startLab, type Lab } from "./start-lab";
import { labClients, redisAt, totalKeys } from "./test-clients";

let lab: Lab;
beforeAll(async () => {
  // A long period so that the only samples are the ones the test takes.
  lab = await startLab({ metricsPeriodMs: 3_600_000, groups: [{ id: "cw", nodes: 2, keys: 800 }] });
});
afterAll(async () => lab?.stop());

const metric = (name: string, cluster: string, extra: { Name: string; Value: string }[] = []) => ({
  Namespace: "AWS/ElastiCache",
  MetricName: name,
  Dimensions: [{ Name: "CacheClusterId", Value: cluster }, ...extra],
});

describe("CloudWatch GetMetricData / GetMetricStatistics from real INFO", () => {
  it("CurrItems equals the keys INFO reports; IsMaster and MasterLinkHealthStatus follow the roles", async () => {
    const { ec, cw } = labClients(lab);
    const g = (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "cw" }))).ReplicationGroups![0];
    const primary = redisAt(g.NodeGroups![0].PrimaryEndpoint!.Port!);
    await primary.set("one-more", "1");
    const keys = await totalKeys(primary);
    const replica = redisAt(g.NodeGroups![0].ReaderEndpoint!.Port!);
    for (let i = 0; i < 100 && (await totalKeys(replica)) !== keys; i++) await new Promise((r) => setTimeout(r, 50));
    await lab.sampleMetrics();
    const end = new Date(Date.now() + 1000);
    const start = new Date(end.getTime() - 600_000);
    const out = await cw.send(
      new GetMetricDataCommand({
        StartTime: start,
        EndTime: end,
        MetricDataQueries: [
          { Id: "items", MetricStat: { Metric: metric("CurrItems", "cw-001", [{ Name: "CacheNodeId", Value: "0001" }]), Period: 60, Stat: "Maximum" } },
          { Id: "master", MetricStat: { Metric: metric("IsMaster", "cw-001"), Period: 60, Stat: "Average" } },
          { Id: "replmaster", MetricStat: { Metric: metric("IsMaster", "cw-002"), Period: 60, Stat: "Average" } },
          { Id: "link", MetricStat: { Metric: metric("MasterLinkHealthStatus", "cw-002"), Period: 60, Stat: "Minimum" } },
          { Id: "mem", MetricStat: { Metric: metric("BytesUsedForCache", "cw-001"), Period: 60, Stat: "Average" } },
          { Id: "other", MetricStat: { Metric: metric("CurrItems", "not-a-cluster"), Period: 60, Stat: "Average" } },
        ],
      }),
    );
    const byId = Object.fromEntries(out.MetricDataResults!.map((r) => [r.Id, r]));
    expect(byId.items.Values).toEqual([keys]);
    expect(byId.items.Timestamps![0]).toBeInstanceOf(Date);
    expect(byId.master.Values).toEqual([1]);
    expect(byId.replmaster.Values).toEqual([0]);
    expect(byId.link.Values).toEqual([1]);
    const usedMemory = Number((await primary.info("memory")).match(/used_memory:(\d+)/)![1]);
    expect(byId.mem.Values![0]).toBeGreaterThan(usedMemory * 0.8);
    expect(byId.mem.Values![0]).toBeLessThan(usedMemory * 1.2);
    expect(byId.other.Values).toEqual([]);
    primary.disconnect();
    replica.disconnect();
  });

  it("answers one datapoint per period with the requested statistics", async () => {
    await lab.sampleMetrics();
    await new Promise((r) => setTimeout(r, 30));
    await lab.sampleMetrics();
    const end = new Date(Date.now() + 1000);
    const out = await labClients(lab).cw.send(
      new GetMetricStatisticsCommand({
        ...metric("CurrConnections", "cw-001"),
        StartTime: new Date(end.getTime() - 3_600_000),
        EndTime: end,
        Period: 3600,
        Statistics: ["SampleCount", "Maximum"],
      }),
    );
    expect(out.Datapoints).toHaveLength(1);
    expect(out.Datapoints![0].SampleCount).toBeGreaterThanOrEqual(2);
    expect(out.Datapoints![0].Maximum).toBeGreaterThanOrEqual(1);
    expect(out.Datapoints![0].Unit).toBe("Count");
  });

  it("rejects a bad request with a query-compatible error", async () => {
    const err = await labClients(lab)
      .cw.send(new GetMetricDataCommand({ StartTime: new Date(), EndTime: new Date(Date.now() - 1000), MetricDataQueries: [{ Id: "a", Expression: "SUM(x)" }] }))
      .catch((e) => e);
    expect(err.name).toBe("InvalidParameterValueException");
    expect(err.$metadata.httpStatusCode).toBe(400);
  });
});
