import { beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../lab/free-port";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { openRedis } from "../redis/connect";
import { SOURCE_COMMAND_ALLOW_LIST } from "../redis/read-only-allow-list";
import { runPreflight } from "./run-preflight";
import { byId } from "./test-helpers/facts";

const OPEN = ["--protected-mode", "no", "--bind", "0.0.0.0", "--enable-debug-command", "yes"];
let source: RedisProcess;
let target: RedisProcess;
let bigSource: RedisProcess;

async function fingerprint(p: RedisProcess) {
  const c = openRedis({ host: p.host, port: p.port, password: p === source ? "s3cret" : undefined }, { role: "target" });
  const keys = (await c.keys("*")).sort();
  const dumps = await Promise.all(keys.map(async (k) => (await c.dumpBuffer(k))?.toString("hex")));
  const config = await c.config("GET", "*");
  const role = (await c.role())[0];
  c.disconnect();
  return { keys, dumps, config, role };
}

beforeAll(async () => {
  [source, target, bigSource] = await Promise.all([
    startRedis({ name: "run-src", args: [...OPEN, "--requirepass", "s3cret", "--databases", "32"] }),
    startRedis({ name: "run-tgt", args: OPEN }),
    startRedis({ name: "run-big", args: OPEN }),
  ]);
  const s = openRedis({ host: source.host, port: source.port, password: "s3cret" }, { role: "target" });
  await s.mset("a", "1", "b", "2");
  await s.hset("h", "f", "v");
  await s.call("CONFIG", "RESETSTAT");
  s.disconnect();
  const b = openRedis({ host: bigSource.host, port: bigSource.port }, { role: "target" });
  await b.call("DEBUG", "POPULATE", "300000", "key", "50");
  b.disconnect();
});

describe("runPreflight end to end against real servers", () => {
  it("REPLICAOF: reports missing masterauth and 32 vs 16 databases, and changes nothing on either end", async () => {
    const before = await Promise.all([fingerprint(source), fingerprint(target)]);
    const r = await runPreflight({
      strategy: "replicaof",
      source: { kind: "redis", endpoint: { host: source.host, port: source.port, password: "s3cret" } },
      target: { kind: "redis", endpoint: { host: target.host, port: target.port } },
    });
    expect(byId(r.checks, "target.masterauth")).toMatchObject({ status: "fail", evidence: "The source requires AUTH; masterauth on the target is empty." });
    expect(byId(r.checks, "pairing.databases")).toMatchObject({ status: "fail", evidence: expect.stringMatching(/source databases 32, target 16/) });
    expect(byId(r.checks, "network.source-reachable").status).toBe("pass");
    expect(byId(r.checks, "pairing.replica-version").status).toBe("pass");
    expect(r.summary.blocking).toBe(true);
    expect(r.summary.fail).toBe(r.checks.filter((c) => c.status === "fail").length);
    expect(JSON.stringify(r)).not.toContain("s3cret");

    expect(await Promise.all([fingerprint(source), fingerprint(target)])).toEqual(before);
    // Every command the source saw is on the read-only allow-list.
    const admin = openRedis({ host: source.host, port: source.port, password: "s3cret" }, { role: "target" });
    const stats = await admin.info("commandstats");
    admin.disconnect();
    const seen = [...stats.matchAll(/^cmdstat_([a-z_-]+)(?:\|([a-z_-]+))?:/gm)].map((m) => ({ cmd: m[1], sub: m[2] ?? "" }));
    expect(seen.length).toBeGreaterThan(3);
    // KEYS and CONFIG RESETSTAT come from this test's own setup and fingerprint(), not from pre-flight.
    const fromTest = new Set(["keys", "config|resetstat"]);
    for (const { cmd, sub } of seen) {
      const name = sub ? `${cmd}|${sub}` : cmd;
      if (fromTest.has(name)) continue;
      const rule = SOURCE_COMMAND_ALLOW_LIST[cmd];
      expect(rule === true || (rule instanceof Set && rule.has(sub)), name).toBe(true);
    }
  });

  it("samples a 300k-key source in about a second and says it sampled", async () => {
    const r = await runPreflight({
      strategy: "replicate",
      source: { kind: "redis", endpoint: { host: bigSource.host, port: bigSource.port } },
      target: { kind: "redis", endpoint: { host: target.host, port: target.port } },
      sampleSize: 200,
    });
    expect(r.sampleSize).toBe(200);
    expect(r.durationMs).toBeLessThan(3_000);
    const big = byId(r.checks, "source.big-keys");
    expect(big.evidence).toMatch(/of 300000 keys sampled \(sample size 200; a bounded sample, not a full scan\)/);
    expect(byId(r.checks, "source.keyspace-notifications").status).toBe("fail");
    expect(byId(r.checks, "target.empty").status).toBe("pass");
  });

  it("turns an unreachable source into a failed check instead of an exception", async () => {
    const closed = await freePort();
    const r = await runPreflight({
      strategy: "replicate",
      source: { kind: "redis", endpoint: { host: "127.0.0.1", port: closed } },
      target: { kind: "redis", endpoint: { host: "no-such-host.invalid", port: 6379 } },
      timeouts: { connectMs: 1_000 },
    });
    expect(byId(r.checks, "network.source-reachable")).toMatchObject({ status: "fail", evidence: expect.stringContaining("ECONNREFUSED") });
    expect(byId(r.checks, "network.target-reachable")).toMatchObject({ status: "fail", evidence: expect.stringContaining("ENOTFOUND") });
    expect(r.summary.blocking).toBe(true);
  });

  it("reports a wrong password as a failed connection check", async () => {
    const r = await runPreflight({
      strategy: "replicate",
      source: { kind: "redis", endpoint: { host: source.host, port: source.port, password: "nope" } },
      target: { kind: "redis", endpoint: { host: target.host, port: target.port } },
    });
    expect(byId(r.checks, "source.connect")).toMatchObject({ status: "fail", evidence: expect.stringMatching(/^REDIS_AUTH_FAILED/) });
  });
});
