import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lab/start-lab";
import { redisAt, totalKeys, waitFor } from "../../lab/test-clients";
import { getAwsClients, resetAwsClients, type AwsClients } from "./clients";
import { completeServerlessMigration, describeServerlessCache, prepareMigration, startServerlessMigration, stopServerlessMigration } from "./serverless-migration-query";
import { setLabCredentials } from "../../lab/set-lab-credentials";

let lab: Lab;
let aws: AwsClients;

beforeAll(async () => {
  lab = await startLab({ selfManaged: [{ name: "sl-src" }], serverlessCaches: [{ name: "sl-cache" }, { name: "sl-old", engine: "redis", majorEngineVersion: "6" }] });
  setLabCredentials();
  aws = getAwsClients({ credentials: { kind: "default" }, region: lab.region, endpoint: lab.endpoint });
}, 30_000);

afterAll(async () => {
  resetAwsClients();
  await lab?.stop();
});

const source = () => ({ host: "127.0.0.1", port: lab.selfManaged[0].port });
const migrationStatus = async (name: string, want: string) => waitFor(`${name} ${want}`, async () => (await describeServerlessCache(aws, name)).migration?.status === want);

describe("signed AWS Query calls for serverless migration, against the lab over HTTP", () => {
  it("describes a cache with its engine, network and endpoint (signature accepted)", async () => {
    const c = await describeServerlessCache(aws, "sl-cache");
    expect(c).toMatchObject({ name: "sl-cache", status: "available", engine: "valkey", fullEngineVersion: "8.1", networkType: "ipv4", endpoint: { address: "127.0.0.1" } });
    expect(c.subnetIds.length).toBeGreaterThan(0);
    expect(c.migration).toBeUndefined();
  });

  it("refuses an unknown signing key and names the missing cache", async () => {
    // A fresh client (other timeouts) signs with an access key the lab's accounts do not know.
    process.env.AWS_ACCESS_KEY_ID = "AKIAUNKNOWN000000000";
    const wrong = getAwsClients({ credentials: { kind: "default" }, region: lab.region, endpoint: lab.endpoint, timeouts: { requestMs: 9_000 } });
    await expect(describeServerlessCache(wrong, "sl-cache")).rejects.toMatchObject({ code: "AWS_ACCESS_DENIED", detail: { httpStatus: 403 } });
    setLabCredentials();
    await expect(describeServerlessCache(aws, "nope")).rejects.toMatchObject({ code: "AWS_NOT_FOUND", detail: { awsCode: "ServerlessCacheNotFoundFault", httpStatus: 404 } });
    await expect(stopServerlessMigration(aws, "sl-cache")).rejects.toMatchObject({ detail: { awsCode: "ServerlessCacheNotUnderMigrationFault" } });
  });

  it("retries throttling with backoff, like the SDK path", async () => {
    lab.faults.add({ kind: "throttle", action: "DescribeServerlessCaches", count: 2 });
    lab.resetCalls();
    expect((await describeServerlessCache(aws, "sl-cache")).name).toBe("sl-cache");
    expect(lab.calls({ action: "DescribeServerlessCaches" }).map((c) => c.status)).toEqual([400, 400, 200]);
  });

  it("prepare -> start -> in sync -> complete: the endpoint serves the source, then the cache with every key", async () => {
    const src = redisAt(source().port);
    for (let i = 0; i < 200; i++) await src.set(`k${i}`, `v${i}`);
    const prepared = await prepareMigration(aws, { name: "sl-cache", source: source(), tls: { mode: "none" } });
    expect(prepared.requestId).toBeTruthy();
    expect(prepared.cache?.migration?.status).toBe("preparing");
    await migrationStatus("sl-cache", "prepared");
    const endpoint = (await describeServerlessCache(aws, "sl-cache")).migration!.endpoint!;
    const client = redisAt(endpoint.port);
    expect(await client.get("k1")).toBe("v1"); // proxied to the source
    await startServerlessMigration(aws, { name: "sl-cache", autoCutover: false, clearTargetCacheData: false });
    await migrationStatus("sl-cache", "in-sync");
    expect((await describeServerlessCache(aws, "sl-cache")).migration?.cutoverMode).toBe("manual");
    await client.set("through-endpoint", "1");
    await completeServerlessMigration(aws, { name: "sl-cache" });
    await migrationStatus("sl-cache", "completed");
    const node = redisAt(lab.serverlessCache("sl-cache")!.nodePort!);
    expect(await node.get("through-endpoint")).toBe("1");
    expect(await totalKeys(node)).toBe(await totalKeys(src));
    expect(await client.set("after", "x")).toBe("OK"); // the same connection now reaches the cache
    expect(await node.get("after")).toBe("x");
    expect(await src.get("after")).toBeNull();
    await expect(node.keys("*")).rejects.toThrow(/unknown command/);
    for (const c of [client, node, src]) c.disconnect();
  });

  it("a source above the cache's version: PrepareMigration rolls back and an event names the requirement", async () => {
    await prepareMigration(aws, { name: "sl-old", source: source(), tls: { mode: "none" } });
    await waitFor("rollback", async () => (await describeServerlessCache(aws, "sl-old")).migration === undefined && lab.state());
    const events = (await import("@aws-sdk/client-elasticache")).DescribeEventsCommand;
    const out = await aws.elasticache.send(new events({ SourceIdentifier: "sl-old", SourceType: "serverless-cache" }));
    expect(out.Events?.[0]?.Message).toMatch(/rolled back: the source engine version 7\.\d+(\.\d+)? is higher than the cache's redis 6\.2/);
    await expect(prepareMigration(aws, { name: "sl-old", source: source(), tls: { mode: "verify-ca" } })).rejects.toMatchObject({ detail: { awsCode: "InvalidParameterValue" } });
  });
});
