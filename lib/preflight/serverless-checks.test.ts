import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lab/start-lab";
import { redisAt } from "../../lab/test-clients";
import { resetAwsClients } from "../aws/clients";
import { runPreflight, type PreflightEndpoint } from "./run-preflight";
import type { TServerlessTargetInput } from "./gather-serverless-target";
import { byId } from "./test-helpers/facts";
import { setLabCredentials } from "../../lab/set-lab-credentials";

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({
    selfManaged: [{ name: "open", keys: 50, args: ["--bind", "0.0.0.0"] }, { name: "locked", args: ["--requirepass", "s3cret", "--notify-keyspace-events", "KEA"] }],
    serverlessCaches: [{ name: "ready" }, { name: "older", engine: "redis", majorEngineVersion: "6" }, { name: "used" }, { name: "v6net", networkType: "dual_stack" }],
  });
  setLabCredentials();
  const used = redisAt(lab.serverlessCache("used")!.endpointPort!);
  await used.set("left-over", "1");
  used.disconnect();
}, 60_000);
afterAll(async () => {
  resetAwsClients();
  await lab?.stop();
});

const source = (i: number, password?: string): PreflightEndpoint => ({ kind: "redis", endpoint: { host: "127.0.0.1", port: lab.selfManaged[i].port, password } });
const serverless = (name: string, o: Partial<TServerlessTargetInput> = {}): TServerlessTargetInput => ({
  name, aws: { credentials: { kind: "default" }, region: lab.region, endpoint: lab.endpoint }, tls: false, tlsMode: "none", sourceTls: false, ...o,
});
const statusOf = (checks: { id: string; status: string }[]) => Object.fromEntries(checks.map((c) => [c.id, c.status]));

describe("serverless-online pre-flight against the lab", () => {
  it("an open Redis OSS 7.0 source into an empty Valkey 8.1 cache: the serverless prerequisites pass", async () => {
    const r = await runPreflight({ strategy: "serverless-online", source: source(0), serverless: serverless("ready") });
    expect(statusOf(r.checks)).toMatchObject({
      "target.available": "pass", "target.empty": "pass", "target.ipv4": "pass", "target.no-public-endpoint": "pass",
      "source.engine-version": "pass", "pairing.version": "pass", "source.auth-secret": "pass", "source.tls-mode": "pass", "target.keyspace-notifications": "pass",
    });
    expect(byId(r.checks, "pairing.version").evidence).toMatch(/source 7\.\d+\.\d+, cache valkey 8\.1/);
  });

  it("names each unmet requirement with its evidence and the exact fix", async () => {
    const older = await runPreflight({ strategy: "serverless-online", source: source(0), serverless: serverless("older") });
    expect(byId(older.checks, "pairing.version")).toMatchObject({ status: "fail", evidence: expect.stringMatching(/cache redis 6\.2/), fix: expect.stringMatching(/newer engine/) });
    const used = await runPreflight({ strategy: "serverless-online", source: source(0), serverless: serverless("used") });
    expect(byId(used.checks, "target.empty")).toMatchObject({ status: "fail", evidence: "used holds 1 key(s)." });
    const v6 = await runPreflight({ strategy: "serverless-online", source: source(0), serverless: serverless("v6net") });
    expect(byId(v6.checks, "target.ipv4")).toMatchObject({ status: "fail", evidence: "NetworkType is dual_stack." });
    const missing = await runPreflight({ strategy: "serverless-online", source: source(0), serverless: serverless("nope") });
    expect(byId(missing.checks, "target.serverless").status).toBe("fail");
  });

  it("a source with AUTH needs a secret ARN; keyspace notifications get a warning; a TLS mismatch fails", async () => {
    const without = await runPreflight({ strategy: "serverless-online", source: source(1, "s3cret"), serverless: serverless("ready") });
    expect(byId(without.checks, "source.auth-secret")).toMatchObject({ status: "fail", fix: expect.stringMatching(/Secrets Manager secret/) });
    expect(byId(without.checks, "target.keyspace-notifications")).toMatchObject({ status: "warn", evidence: expect.stringMatching(/notify-keyspace-events/) });
    const arn = "arn:aws:secretsmanager:us-east-1:111111111111:secret:src-auth-AbCdEf";
    const withSecret = await runPreflight({ strategy: "serverless-online", source: source(1, "s3cret"), serverless: serverless("ready", { secretArn: arn, tlsMode: "verify-ca" }) });
    expect(byId(withSecret.checks, "source.auth-secret").status).toBe("pass");
    expect(byId(withSecret.checks, "source.tls-mode")).toMatchObject({ status: "fail", fix: expect.stringMatching(/TLS mode none/) });
  });
});
