import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { evaluatePreflight } from "./evaluate-preflight";
import { byId, ecEndpoint, factsOf, redisEndpoint } from "./test-helpers/facts";

// Issue 18 item 10: a loopback-only source is fine for a replica on the same host, not for ElastiCache.
let source: RedisProcess, target: RedisProcess;
beforeAll(async () => {
  // startRedis binds 127.0.0.1 with protected mode on unless told otherwise.
  [source, target] = await Promise.all([startRedis({ name: "rd-src" }), startRedis({ name: "rd-tgt" })]);
});
afterAll(async () => {
  await Promise.all([source.stop(), target.stop()]);
});

describe("source checks name the strategy's real reader", () => {
  it("replicaof between two hosts on the same machine passes bind and protected mode, naming the target host", async () => {
    const checks = evaluatePreflight({ strategy: "replicaof", source: redisEndpoint(await factsOf(source)), target: redisEndpoint(await factsOf(target)) });
    const bind = byId(checks, "source.bind");
    expect(bind).toMatchObject({ status: "pass", title: "Source listens on an address the target host 127.0.0.1 can reach" });
    expect(bind.title).not.toContain("ElastiCache");
    expect(byId(checks, "source.protected-mode").status).toBe("pass");
  });

  it("replicaof to another host fails a loopback-only bind and says which host cannot connect", async () => {
    const remote = { ...(await factsOf(target)), where: "10.0.1.7:6379" };
    const bind = byId(evaluatePreflight({ strategy: "replicaof", source: redisEndpoint(await factsOf(source)), target: redisEndpoint(remote) }), "source.bind");
    expect(bind).toMatchObject({ status: "fail", title: "Source listens on an address the target host 10.0.1.7 can reach" });
    expect(bind.fix).toContain("the target host 10.0.1.7");
  });

  it("online still speaks of ElastiCache and fails loopback-only", async () => {
    const bind = byId(evaluatePreflight({ strategy: "online", source: redisEndpoint(await factsOf(source)), target: ecEndpoint() }), "source.bind");
    expect(bind).toMatchObject({ status: "fail", title: "Source listens on an address ElastiCache can reach" });
  });
});
