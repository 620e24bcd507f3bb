import { beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { openRedis } from "../redis/connect";
import { evaluatePreflight } from "./evaluate-preflight";
import type { RedisFacts } from "./redis-facts";
import { byId, ecEndpoint, factsOf, redisEndpoint } from "./test-helpers/facts";

// Each server is configured to fail exactly the check under test (issue 5).
const OPEN = ["--protected-mode", "no", "--bind", "0.0.0.0"];
let good: RedisProcess, auth: RedisProcess, protectedMode: RedisProcess, dbs32: RedisProcess;
let renamedSync: RedisProcess, noConfig: RedisProcess, bigKey: RedisProcess;

beforeAll(async () => {
  [good, auth, protectedMode, dbs32, renamedSync, noConfig, bigKey] = await Promise.all([
    startRedis({ name: "pf-good", args: [...OPEN, "--notify-keyspace-events", "KEA"] }),
    startRedis({ name: "pf-auth", args: [...OPEN, "--requirepass", "x"] }),
    startRedis({ name: "pf-protected", args: ["--protected-mode", "yes", "--bind", "0.0.0.0"] }),
    startRedis({ name: "pf-dbs32", args: [...OPEN, "--databases", "32"] }),
    startRedis({ name: "pf-renamed", args: [...OPEN, "--rename-command", "SYNC", "foo"] }),
    startRedis({ name: "pf-noconfig", args: [...OPEN, "--rename-command", "CONFIG", ""] }),
    startRedis({ name: "pf-bigkey", args: OPEN }),
  ]);
  const d = openRedis({ host: dbs32.host, port: dbs32.port, db: 20 }, { role: "target" });
  await d.set("in-db-20", "x");
  d.disconnect();
  const b = openRedis({ host: bigKey.host, port: bigKey.port }, { role: "target" });
  await b.set("huge", "x".repeat(2 * 1024 * 1024));
  await b.mset("small:1", "a", "small:2", "b");
  b.disconnect();
});

const online = (f: RedisFacts) => evaluatePreflight({ strategy: "online", source: redisEndpoint(f), target: ecEndpoint() });
const replicate = (f: RedisFacts, limits?: { warnBytes: number; failBytes: number }) =>
  evaluatePreflight({ strategy: "replicate", source: redisEndpoint(f), target: ecEndpoint(), bigKeyLimits: limits });

describe("online pre-flight, source side, against real servers", () => {
  it("passes every source check on a correctly prepared source", async () => {
    const checks = online(await factsOf(good));
    const source = checks.filter((c) => c.side === "source");
    expect(source.map((c) => [c.id, c.status])).toEqual([
      ["source.auth", "pass"], ["source.protected-mode", "pass"], ["source.bind", "pass"],
      ["source.renamed-commands", "pass"], ["source.fork-headroom", expect.stringMatching(/pass|warn/)], ["source.no-touch", "pass"],
    ]);
    expect(byId(checks, "pairing.databases").status).toBe("pass");
    expect(byId(checks, "pairing.databases").evidence).toMatch(/assumed: ElastiCache/);
  });

  it("fails AUTH when a credential-less connection gets NOAUTH", async () => {
    const c = byId(online(await factsOf(auth, { password: "x" })), "source.auth");
    expect(c).toMatchObject({ status: "fail", side: "source", evidence: expect.stringContaining("NOAUTH") });
    expect(c.fix).toContain('CONFIG SET requirepass ""');
  });

  it("fails protected mode with the exact CONFIG SET", async () => {
    const c = byId(online(await factsOf(protectedMode)), "source.protected-mode");
    expect(c).toMatchObject({ status: "fail", evidence: 'protected-mode is "yes".' });
    expect(c.fix).toContain("CONFIG SET protected-mode no");
  });

  it("fails bind when the source listens on loopback only", async () => {
    // startRedis binds 127.0.0.1 unless told otherwise: exactly the mistake to catch.
    const loopback = await startRedis({ name: "pf-loopback", args: ["--protected-mode", "no"] });
    const c = byId(online(await factsOf(loopback)), "source.bind");
    expect(c).toMatchObject({ status: "fail", evidence: expect.stringContaining("127.0.0.1") });
  });

  it("fails databases 32 vs ElastiCache's 16 and names the db that would be lost", async () => {
    const c = byId(online(await factsOf(dbs32)), "pairing.databases");
    expect(c.status).toBe("fail");
    expect(c.evidence).toMatch(/source databases 32, target 16/);
    expect(c.evidence).toMatch(/db20/);
  });

  it("probes renamed commands: SYNC renamed, CONFIG disabled", async () => {
    const sync = byId(online(await factsOf(renamedSync)), "source.renamed-commands");
    expect(sync).toMatchObject({ status: "fail", evidence: expect.stringMatching(/does not know: SYNC\.$/) });
    const checks = online(await factsOf(noConfig));
    expect(byId(checks, "source.renamed-commands")).toMatchObject({ status: "fail", evidence: expect.stringContaining("CONFIG") });
    // Without CONFIG the settings cannot be read: unknown, never a guessed pass.
    expect(byId(checks, "source.protected-mode").status).toBe("unknown");
    expect(byId(checks, "pairing.databases").status).toBe("unknown");
  });
});

describe("key-level replication pre-flight against real servers", () => {
  it("fails when keyspace notifications are off and passes with KEA", async () => {
    const off = byId(replicate(await factsOf(bigKey)), "source.keyspace-notifications");
    expect(off).toMatchObject({ status: "fail", evidence: 'notify-keyspace-events is "" (CONFIG GET notify-keyspace-events).', autoFix: "keyspace-notifications" });
    expect(off.fix).toContain("CONFIG SET notify-keyspace-events KEA");
    expect(byId(replicate(await factsOf(good)), "source.keyspace-notifications").status).toBe("pass");
  });

  it("finds the big key in the sample and states the sample size", async () => {
    const c = byId(replicate(await factsOf(bigKey), { warnBytes: 256 * 1024, failBytes: 1024 * 1024 }), "source.big-keys");
    expect(c.status).toBe("fail");
    expect(c.evidence).toMatch(/^Biggest by MEMORY USAGE: db0 "huge" \(string, 2\.\d MiB\)/);
    expect(c.evidence).toMatch(/3 keys sampled \(the whole keyspace\)/);
    expect(byId(replicate(await factsOf(good)), "source.big-keys").status).toBe("pass");
  });

  it("warns that verification resets LRU clocks on a Redis 7.0 source with an LRU policy (no CLIENT NO-TOUCH)", async () => {
    expect(byId(online(await factsOf(good)), "source.no-touch").evidence).toContain("does not support CLIENT NO-TOUCH");
    const c = openRedis({ host: bigKey.host, port: bigKey.port }, { role: "target" });
    try {
      await c.config("SET", "maxmemory-policy", "allkeys-lru");
      const check = byId(online(await factsOf(bigKey)), "source.no-touch");
      expect(check).toMatchObject({ status: "warn", evidence: expect.stringMatching(/does not support CLIENT NO-TOUCH.*maxmemory-policy is allkeys-lru\./) });
    } finally {
      await c.config("SET", "maxmemory-policy", "noeviction");
      c.disconnect();
    }
  });

  it("reads the RDB version from a real DUMP payload (Redis 7.0 writes RDB 10)", async () => {
    const f = await factsOf(bigKey);
    expect(f.dumpRdbVersion).toBe(10);
    const checks = evaluatePreflight({ strategy: "replicate", source: redisEndpoint(f), target: ecEndpoint(undefined) });
    expect(byId(checks, "pairing.restore-compat")).toMatchObject({ status: "pass", evidence: expect.stringContaining("read from a DUMP payload") });
  });
});
