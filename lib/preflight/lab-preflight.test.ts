import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lab/start-lab";
import { resetAwsClients } from "../aws/clients";
import { runPreflight, type PreflightEndpoint } from "./run-preflight";
import { byId } from "./test-helpers/facts";
import { setLabCredentials } from "../../lab/set-lab-credentials";

// The lab speaks the real ElastiCache/S3 wire protocols, so this is the production code path
// except for the endpoint URL.
let lab: Lab;
let aws: { credentials: { kind: "default" }; region: string; endpoint: string };

beforeAll(async () => {
  lab = await startLab({
    selfManaged: [{ name: "src", keys: 200, args: ["--bind", "0.0.0.0"] }],
    groups: [
      { id: "ready", nodes: 2 },
      { id: "encrypted", nodes: 2, transitEncryption: true },
      { id: "single-az", nodes: 1 },
    ],
    buckets: [
      { name: "enforced", account: "A" },
      { name: "granted", account: "A", elastiCacheExportGrants: true },
    ],
  });
  setLabCredentials();
  aws = { credentials: { kind: "default" }, region: lab.region, endpoint: lab.endpoint };
}, 60_000);
afterAll(async () => {
  resetAwsClients();
  await lab?.stop();
});

const src = (): PreflightEndpoint => ({ kind: "redis", endpoint: { host: lab.selfManaged[0].host, port: lab.selfManaged[0].port } });
const ec = (id: string): PreflightEndpoint => ({ kind: "elasticache", aws, replicationGroupId: id });

describe("runPreflight against the lab's ElastiCache and S3", () => {
  it("online into a prepared group: every prerequisite passes", async () => {
    const r = await runPreflight({ strategy: "online", source: src(), target: ec("ready") });
    const failing = r.checks.filter((c) => c.status === "fail" || c.status === "unknown");
    expect(failing.map((c) => `${c.id}: ${c.evidence}`)).toEqual([]);
    expect(byId(r.checks, "target.aws").status).toBe("pass");
    expect(byId(r.checks, "network.target-reachable").status).toBe("pass");
  });

  it("online into groups with transit encryption on / Multi-AZ off: each fails with its evidence", async () => {
    const enc = await runPreflight({ strategy: "online", source: src(), target: ec("encrypted") });
    expect(byId(enc.checks, "target.transit-encryption")).toMatchObject({ status: "fail", evidence: expect.stringMatching(/^TransitEncryptionEnabled is true/) });
    const single = await runPreflight({ strategy: "online", source: src(), target: ec("single-az") });
    expect(byId(single.checks, "target.multi-az")).toMatchObject({ status: "fail", evidence: expect.stringMatching(/MultiAZ is "disabled"/) });
  });

  it("a group that does not exist is one failed check naming it", async () => {
    const r = await runPreflight({ strategy: "online", source: src(), target: ec("nope") });
    expect(byId(r.checks, "target.aws")).toMatchObject({ status: "fail", evidence: expect.stringMatching(/^AWS_NOT_FOUND: .*nope/) });
  });

  it("snapshot export: BucketOwnerEnforced fails, a granted bucket passes", async () => {
    const r = await runPreflight({
      strategy: "snapshot",
      source: ec("ready"),
      buckets: [{ bucket: "enforced", mode: "export", aws }, { bucket: "granted", mode: "export", aws }],
    });
    expect(byId(r.checks, "target.bucket-ownership:enforced")).toMatchObject({ status: "fail", evidence: "ObjectOwnership is BucketOwnerEnforced." });
    expect(byId(r.checks, "target.bucket-grants:enforced").status).toBe("fail");
    for (const id of ["exists", "region", "ownership", "grants"]) expect(byId(r.checks, `target.bucket-${id}:granted`).status, id).toBe("pass");
    expect(byId(r.checks, "source.node-type-snapshot").status).toBe("pass");
  });
});
