import "../../test/use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lab/start-lab";
import { labClients, waitFor } from "../../lab/test-clients";
import { db } from "../db";
import { pullCloudWatch } from "./cloudwatch-pull";
import { getMonitorData } from "./get-monitor-data";
import { startSampler, type TSampler } from "./sampler";
import { setLabCredentials } from "../../lab/set-lab-credentials";
import { latestStoredSample } from "./test-helpers/stored-samples";

let lab: Lab;
let sampler: TSampler;
let migrationId: string;

beforeAll(async () => {
  lab = await startLab({ metricsPeriodMs: 500, selfManaged: [{ name: "src", keys: 300 }], groups: [{ id: "cwmon", nodes: 2, keys: 120 }] });
  setLabCredentials();
  const src = await db.endpoint.create({ data: { name: "cw-src", kind: "self-managed", host: lab.selfManaged[0].host, port: lab.selfManaged[0].port } });
  const tgt = await db.endpoint.create({
    data: { name: "cw-tgt", kind: "elasticache", replicationGroupId: "cwmon", region: lab.region, credentialKind: "default", awsEndpointUrl: lab.endpoint },
  });
  migrationId = (await db.migration.create({ data: { name: "cw", strategy: "online", sourceId: src.id, targetId: tgt.id, state: "running" } })).id;
}, 60_000);

afterAll(async () => {
  await sampler?.stop();
  await lab?.stop();
});

describe("CloudWatch of ElastiCache ends", () => {
  it("the sampler reads the ElastiCache target through discovery and stores its CloudWatch metrics at their period", async () => {
    sampler = startSampler({ intervalMs: 250, refreshMs: 200, cloudwatchPeriodSeconds: 1 });
    const items = await waitFor("CurrItems of the target", async () => {
      const p = await db.metricPoint.findMany({ where: { migrationId, side: "target", metric: "CurrItems" } });
      return p.length >= 2 && p;
    }, 10_000);
    // CloudWatch's CurrItems and the sampler's own INFO reading of the target agree. The pulls start
    // with the first tick, while the target's reader may still be discovering it (fresh run V at
    // load: two points stored before any sample of the target), so the sample is waited for too.
    const sample = await waitFor("a sample of both ends, the target read through discovery", () => latestStoredSample({ migrationId, srcUp: true, tgtUp: true }), 10_000);
    expect(sample.tgtKeys).toBeGreaterThanOrEqual(120);
    expect(sample.srcKeys).toBeGreaterThanOrEqual(300);
    expect(items.map((p) => p.value)).toEqual(items.map(() => sample.tgtKeys));
    expect(await db.metricPoint.count({ where: { migrationId, side: "source" } })).toBe(0); // self-managed: no CloudWatch
    const data = await getMonitorData({ migrationId, range: "live" });
    expect(data.cloudwatch.map((s) => s.metric)).toEqual(expect.arrayContaining(["BytesUsedForCache", "CurrItems", "EngineCPUUtilization"]));
  });

  it("a re-pulled window stores nothing twice, and a throttled call is retried", async () => {
    const { cw } = labClients(lab, "A", { maxAttempts: 3 });
    const toMs = Math.floor(Date.now() / 1000) * 1000;
    const pull = () => pullCloudWatch({ migrationId, side: "target", cloudwatch: cw, cacheClusterId: "cwmon-001", periodSeconds: 1, fromMs: toMs - 20_000, toMs });
    await pull();
    lab.faults.add({ kind: "throttle", service: "cloudwatch", count: 1 });
    expect(await pull()).toBe(0);
    expect(lab.calls({ service: "cloudwatch" }).some((c) => c.errorCode === "Throttling")).toBe(true);
  });
});
