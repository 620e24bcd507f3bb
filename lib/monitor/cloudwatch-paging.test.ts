import "../../test/use-test-db";
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { CLOUDWATCH_MAX_PAGES, pullCloudWatch } from "./cloudwatch-pull";

// A CloudWatch that misbehaves the way no healthy lab endpoint would: the rare branch, mocked.
const cw = mockClient(CloudWatchClient);
const cloudwatch = new CloudWatchClient({ region: "eu-west-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
afterEach(() => cw.reset());

async function pull() {
  const src = await db.endpoint.create({ data: { name: `cw-src-${Date.now()}`, kind: "self-managed", host: "127.0.0.1", port: 1 } });
  const migration = await db.migration.create({ data: { name: "cw", strategy: "online", sourceId: src.id, targetId: src.id, state: "running" } });
  const toMs = Date.now();
  return pullCloudWatch({ migrationId: migration.id, side: "target", cloudwatch, cacheClusterId: "rg-001", periodSeconds: 60, fromMs: toMs - 600_000, toMs });
}

const page = (at: number, token?: string) => ({ MetricDataResults: [{ Id: "m2", Timestamps: [new Date(at)], Values: [at / 1000] }], NextToken: token });

describe("CloudWatch paging", () => {
  it("stops at a NextToken it has already followed, keeping the points that arrived", async () => {
    cw.on(GetMetricDataCommand).resolvesOnce(page(60_000, "t1")).resolvesOnce(page(120_000, "t2")).resolves(page(180_000, "t1"));
    expect(await pull()).toBe(3);
    expect(cw.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input.NextToken)).toEqual([undefined, "t1", "t2"]);
  });

  it("reads at most CLOUDWATCH_MAX_PAGES pages when every token is new", async () => {
    let n = 0;
    cw.on(GetMetricDataCommand).callsFake(() => page(60_000 * ++n, `t${n}`));
    expect(await pull()).toBe(CLOUDWATCH_MAX_PAGES);
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(CLOUDWATCH_MAX_PAGES);
  });
});
