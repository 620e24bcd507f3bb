import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DescribeReplicationGroupsCommand } from "@aws-sdk/client-elasticache";
import { loadDemoData } from "./demo-data";
import { startRedis } from "./redis-process";
import { startLab, type Lab } from "./start-lab";
import { labClients, redisAt } from "./test-clients";
import { startWriteLoad } from "./write-load";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ groups: [{ id: "adm", nodes: 1 }] });
});
afterAll(async () => lab?.stop());

const admin = (path: string, init?: RequestInit) => fetch(`${lab.endpoint}/_lab${path}`, init).then(async (r) => ({ status: r.status, body: await r.json() }));

describe("admin routes", () => {
  it("POST /_lab/faults injects, GET /_lab/calls logs every call with account and group, reset-calls clears", async () => {
    await admin("/reset-calls", { method: "POST" });
    const added = await admin("/faults", { method: "POST", body: JSON.stringify({ kind: "server-error", code: "ServiceUnavailable", action: "DescribeReplicationGroups", count: 1 }) });
    expect(added.body.ids).toHaveLength(1);
    const err = await labClients(lab, "A", { maxAttempts: 1 }).ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "adm" })).catch((e) => e);
    expect([err.name, err.$metadata.httpStatusCode]).toEqual(["ServiceUnavailable", 503]);
    await labClients(lab, "B").ec.send(new DescribeReplicationGroupsCommand({}));
    const calls = await admin("/calls?service=elasticache");
    expect(calls.body.map((c: { action: string; account: string; groupId?: string; status: number }) => [c.action, c.account, c.groupId, c.status])).toEqual([
      ["DescribeReplicationGroups", "111111111111", "adm", 503],
      ["DescribeReplicationGroups", "222222222222", undefined, 200],
    ]);
    await admin("/reset-calls", { method: "POST" });
    expect((await admin("/calls")).body).toEqual([]);
  });

  it("rejects an unknown fault kind with 400 and lists active faults", async () => {
    expect((await admin("/faults", { method: "POST", body: JSON.stringify({ kind: "meteor" }) })).status).toBe(400);
    const { body } = await admin("/faults", { method: "POST", body: JSON.stringify({ kind: "stall-replication", groupId: "adm" }) });
    expect((await admin("/faults")).body.map((f: { id: string }) => f.id)).toContain(body.ids[0]);
    await admin(`/faults/${body.ids[0]}`, { method: "DELETE" });
    expect((await admin("/faults")).body).toEqual([]);
  });
});

describe("demo data", () => {
  it("loads mixed types over several dbs with about 30% TTLs, and the write load keeps writing", async () => {
    const r = await startRedis({ name: "demo" });
    const counts = await loadDemoData({ port: r.port, keys: 3000, bigKeyElements: 2000 });
    expect(Object.keys(counts)).toEqual(["0", "1", "2"]);
    const c = redisAt(r.port);
    const types = new Set<string>();
    let ttl = 0;
    const [, keys] = await c.scan(0, "COUNT", 1000);
    for (const k of keys) {
      types.add(await c.type(k));
      if ((await c.ttl(k)) > 0) ttl++;
    }
    expect([...types].sort()).toEqual(["hash", "list", "set", "stream", "string", "zset"]);
    expect(ttl / keys.length).toBeGreaterThan(0.2);
    expect(ttl / keys.length).toBeLessThan(0.4);
    expect(await c.hlen("big:hash:catalog")).toBe(2000);
    const before = Number((await c.info("stats")).match(/total_commands_processed:(\d+)/)![1]);
    const load = startWriteLoad({ port: r.port, opsPerSec: 500 });
    await new Promise((res) => setTimeout(res, 600));
    await load.stop();
    const after = Number((await c.info("stats")).match(/total_commands_processed:(\d+)/)![1]);
    expect(load.stats().ops).toBeGreaterThan(100);
    expect(after - before).toBeGreaterThan(100);
    c.disconnect();
    await r.stop();
  });
});
