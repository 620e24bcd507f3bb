import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DescribeReplicationGroupsCommand, DescribeServerlessCachesCommand, StartMigrationCommand } from "@aws-sdk/client-elasticache";
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { startLab, type Lab } from "./start-lab";
import { labClients } from "./test-clients";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ groups: [{ id: "g1", nodes: 1 }] });
});
afterAll(async () => lab?.stop());

/** A raw Query call, for requests the SDK would never build. */
async function rawQuery(body: string, accessKey = lab.accounts.A.accessKeyId) {
  const res = await fetch(lab.endpoint + "/", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKey}/20260101/us-east-1/elasticache/aws4_request, SignedHeaders=host, Signature=x`,
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

describe("AWS-shaped errors", () => {
  it("a missing replication group is a 404 ReplicationGroupNotFoundFault", async () => {
    const err = await labClients(lab).ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "nope" })).catch((e) => e);
    expect(err.name).toBe("ReplicationGroupNotFoundFault");
    expect(err.$metadata.httpStatusCode).toBe(404);
    expect(err.message).toContain("nope");
  });

  it("there are no serverless caches: a named one is a 404 ServerlessCacheNotFoundFault", async () => {
    const { ec } = labClients(lab);
    expect((await ec.send(new DescribeServerlessCachesCommand({}))).ServerlessCaches ?? []).toEqual([]);
    const err = await ec.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: "g1" })).catch((e) => e);
    expect([err.name, err.$metadata.httpStatusCode]).toEqual(["ServerlessCacheNotFoundFault", 404]);
  });

  it("groups are per account: B cannot see A's group", async () => {
    const a = await labClients(lab, "A").ec.send(new DescribeReplicationGroupsCommand({}));
    const b = await labClients(lab, "B").ec.send(new DescribeReplicationGroupsCommand({}));
    expect(a.ReplicationGroups?.map((g) => g.ReplicationGroupId)).toEqual(["g1"]);
    expect(b.ReplicationGroups).toEqual([]);
  });

  it("a missing parameter, an unknown action and a garbage body get <ErrorResponse>, never HTML", async () => {
    const missing = await labClients(lab).ec.send(new StartMigrationCommand({} as never)).catch((e) => e);
    expect(missing.name).toBe("MissingParameter");
    expect(missing.$metadata.httpStatusCode).toBe(400);

    const unknown = await rawQuery("Action=LaunchRockets&Version=2015-02-02");
    expect(unknown.status).toBe(400);
    expect(unknown.text).toMatch(/^<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>[^<]+<\/Message><\/Error><RequestId>[\w-]+<\/RequestId><\/ErrorResponse>$/);

    const garbage = await rawQuery("%%%\u0000not a form");
    expect(garbage.status).toBe(400);
    expect(garbage.text).toContain("<Code>MissingAction</Code>");
  });

  it("unknown credentials are refused like AWS (403 InvalidClientTokenId)", async () => {
    const res = await rawQuery("Action=DescribeReplicationGroups&Version=2015-02-02", "AKIANOTALABKEY000000");
    expect(res.status).toBe(403);
    expect(res.text).toContain("<Code>InvalidClientTokenId</Code>");
  });

  it("injected throttling surfaces as Throttling and the SDK retries until it succeeds", async () => {
    lab.resetCalls();
    lab.faults.add({ kind: "throttle", service: "elasticache", action: "DescribeReplicationGroups", count: 2 });
    const out = await labClients(lab).ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "g1" }));
    expect(out.ReplicationGroups?.[0].Status).toBe("available");
    expect(out.$metadata.attempts).toBe(3);
    const calls = lab.calls({ action: "DescribeReplicationGroups" });
    expect(calls.map((c) => c.errorCode ?? c.status)).toEqual(["Throttling", "Throttling", 200]);
  });

  it("without retries the Throttling error reaches the caller", async () => {
    lab.faults.add({ kind: "throttle", service: "elasticache", count: 1 });
    const err = await labClients(lab, "A", { maxAttempts: 1 }).ec.send(new DescribeReplicationGroupsCommand({})).catch((e) => e);
    expect(err.name).toBe("Throttling");
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it("injected 5xx is InternalFailure for ElastiCache and CloudWatch", async () => {
    lab.faults.add({ kind: "server-error", count: 2 });
    const { ec, cw } = labClients(lab, "A", { maxAttempts: 1 });
    const e1 = await ec.send(new DescribeReplicationGroupsCommand({})).catch((e) => e);
    expect([e1.name, e1.$metadata.httpStatusCode]).toEqual(["InternalFailure", 500]);
    const now = new Date();
    const e2 = await cw
      .send(new GetMetricDataCommand({ StartTime: new Date(now.getTime() - 60_000), EndTime: now, MetricDataQueries: [{ Id: "m", MetricStat: { Metric: { Namespace: "AWS/ElastiCache", MetricName: "CurrItems" }, Period: 60, Stat: "Average" } }] }))
      .catch((e) => e);
    expect(e2.$metadata.httpStatusCode).toBe(500);
    expect(e2.name).toMatch(/InternalFailure|InternalServiceFault/);
  });
});
