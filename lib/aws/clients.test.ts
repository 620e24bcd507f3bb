import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAwsClients, resetAwsClients } from "./clients";
import { describeReplicationGroup } from "./elasticache";

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
  });

  it("gives up on a silent endpoint after the request timeout instead of hanging", async () => {
    const c = getAwsClients({ credentials: { kind: "default" }, region: "eu-west-1", endpoint: `http://127.0.0.1:${port(silent)}`, timeouts: { requestMs: 300 }, maxAttempts: 2 });
    const started = Date.now();
    await expect(describeReplicationGroup(c, "rg")).rejects.toMatchObject({ code: "AWS_TIMEOUT" });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
