import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAwsClients, resetAwsClients } from "./clients";
import { describeReplicationGroup } from "./elasticache";
import { metrics } from "../metrics/metrics-registry";

// No SDK mocks in this file: these calls go through the real SDK stack to a local HTTP server.
describe("getAwsClients against a real local HTTP endpoint", () => {
  let hits = 0;
  let server: http.Server;
  let silent: net.Server;
  const port = (s: net.Server) => (s.address() as net.AddressInfo).port;
  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = "AKIDTEST";
    process.env.AWS_SECRET_ACCESS_KEY = "secret";
    server = http.createServer((req, res) => {
      hits++;
      req.resume();
      req.on("end", () => {
        res.writeHead(404, { "content-type": "text/xml", "x-amzn-requestid": "r-1" });
        res.end(`<ErrorResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/"><Error><Type>Sender</Type><Code>ReplicationGroupNotFoundFault</Code><Message>ReplicationGroup nope not found.</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`);
      });
    }).listen(0, "127.0.0.1");
    silent = net.createServer(() => {}).listen(0, "127.0.0.1");
    await Promise.all([server, silent].map((s) => new Promise((r) => (s.listening ? r(null) : s.once("listening", r)))));
  });
  afterAll(() => {
    resetAwsClients();
    server.close();
    silent.close();
  });

  it("builds clients once per credential source and honours the endpoint override", async () => {
    const opts = { credentials: { kind: "default" as const }, region: "eu-west-1", endpoint: `http://127.0.0.1:${port(server)}` };
    const a = getAwsClients(opts);
    expect(getAwsClients({ ...opts })).toBe(a);
    expect(getAwsClients({ ...opts, region: "us-east-1" })).not.toBe(a);
    expect(await a.s3.config.forcePathStyle).toBe(true);
    await expect(describeReplicationGroup(a, "nope")).rejects.toMatchObject({ code: "AWS_NOT_FOUND", detail: { awsCode: "ReplicationGroupNotFoundFault", requestId: "r-1" } });
    expect(hits).toBe(1); // a 404 fault is not retried
    // Counted once, by action and outcome, by the middleware every client carries.
    const counted = (await metrics().awsCalls.get()).values.find((v) => v.labels.action === "DescribeReplicationGroups");
    expect(counted).toMatchObject({ value: 1, labels: { service: "elasticache", outcome: "ReplicationGroupNotFoundFault" } });
  });

  it("gives up on a silent endpoint after the request timeout instead of hanging", async () => {
    const c = getAwsClients({ credentials: { kind: "default" }, region: "eu-west-1", endpoint: `http://127.0.0.1:${port(silent)}`, timeouts: { requestMs: 300 }, maxAttempts: 2 });
    const started = Date.now();
    await expect(describeReplicationGroup(c, "rg")).rejects.toMatchObject({ code: "AWS_TIMEOUT" });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe("assume-role credential source against a local STS", () => {
  const seen: Array<{ body: string; auth: string }> = [];
  let sts: http.Server;
  let api: http.Server;
  const port = (s: net.Server) => (s.address() as net.AddressInfo).port;
  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = "AKIDMASTER";
    process.env.AWS_SECRET_ACCESS_KEY = "master-secret";
    sts = http.createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        const params = new URLSearchParams(body);
        seen.push({ body, auth: String(req.headers.authorization) });
        if (params.get("RoleArn")?.endsWith("role/denied")) {
          res.writeHead(403, { "content-type": "text/xml" });
          res.end(`<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform sts:AssumeRole</Message></Error><RequestId>s-2</RequestId></ErrorResponse>`);
          return;
        }
        res.writeHead(200, { "content-type": "text/xml" });
        res.end(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIATEMPORARY</AccessKeyId><SecretAccessKey>temp-secret</SecretAccessKey><SessionToken>temp-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/ferry/ferry</Arn><AssumedRoleId>AROA:ferry</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>s-1</RequestId></ResponseMetadata></AssumeRoleResponse>`);
      });
    }).listen(0, "127.0.0.1");
    api = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        seen.push({ body: "api", auth: `${req.headers.authorization} token=${req.headers["x-amz-security-token"]}` });
        res.writeHead(200, { "content-type": "text/xml" });
        res.end(`<DescribeReplicationGroupsResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/"><DescribeReplicationGroupsResult><ReplicationGroups><ReplicationGroup><ReplicationGroupId>rg</ReplicationGroupId><Status>available</Status></ReplicationGroup></ReplicationGroups></DescribeReplicationGroupsResult><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></DescribeReplicationGroupsResponse>`);
      });
    }).listen(0, "127.0.0.1");
    await Promise.all([sts, api].map((s) => new Promise((r) => (s.listening ? r(null) : s.once("listening", r)))));
  });
  afterAll(() => {
    resetAwsClients();
    sts.close();
    api.close();
  });

  it("assumes the role with the external id and signs calls with the temporary credentials", async () => {
    const c = getAwsClients({
      credentials: { kind: "assume-role", roleArn: "arn:aws:iam::123456789012:role/ferry", externalId: "ext-1234" },
      region: "eu-west-1",
      endpoint: `http://127.0.0.1:${port(api)}`,
      stsEndpoint: `http://127.0.0.1:${port(sts)}`,
    });
    const rg = await describeReplicationGroup(c, "rg");
    expect(rg.Status).toBe("available");
    const assume = new URLSearchParams(seen[0].body);
    expect(assume.get("Action")).toBe("AssumeRole");
    expect(assume.get("RoleArn")).toBe("arn:aws:iam::123456789012:role/ferry");
    expect(assume.get("ExternalId")).toBe("ext-1234");
    expect(seen[0].auth).toContain("Credential=AKIDMASTER/");
    expect(seen[1].auth).toContain("Credential=ASIATEMPORARY/");
    expect(seen[1].auth).toContain("token=temp-token");
  });

  it("classifies a refused AssumeRole as access denied", async () => {
    const c = getAwsClients({
      credentials: { kind: "assume-role", roleArn: "arn:aws:iam::123456789012:role/denied" },
      region: "eu-west-1",
      endpoint: `http://127.0.0.1:${port(api)}`,
      stsEndpoint: `http://127.0.0.1:${port(sts)}`,
    });
    await expect(describeReplicationGroup(c, "rg")).rejects.toMatchObject({ code: "AWS_ACCESS_DENIED" });
  });
});
