import { beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { openRedis } from "./connect";
import { VERIFY_READ_SCRIPT, VERIFY_READ_SCRIPT_SHA } from "./verify-read-script";
import { grantOperatorConsent, runConsentedCommand, type OperatorConsent } from "./read-only";
import { readOnlyRefusal } from "./read-only-refusal";

let server: RedisProcess;
const ep = () => ({ host: server.host, port: server.port });

async function snapshotKeyspace() {
  const admin = openRedis(ep(), { role: "target" });
  const keys = (await admin.keys("*")).sort();
  const values = await Promise.all(keys.map((k) => admin.dumpBuffer(k)));
  const config = await admin.config("GET", "maxmemory-policy");
  const role = await admin.role();
  admin.disconnect();
  return { keys, values: values.map((v) => v?.toString("hex")), config, role: role[0] };
}

beforeAll(async () => {
  server = await startRedis({ name: "read-only" });
  const admin = openRedis(ep(), { role: "target" });
  await admin.set("str", "v");
  await admin.hset("h", "f", "1");
  await admin.rpush("l", "a", "b");
  await admin.zadd("z", 1, "m");
  await admin.expire("str", 3600);
  admin.disconnect();
});

describe("read-only source client", () => {
  it("refuses every write path and leaves the source unchanged", async () => {
    const before = await snapshotKeyspace();
    const src = openRedis(ep(), { role: "source" });
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ["SET", () => src.set("str", "changed")],
      ["DEL", () => src.del("str")],
      ["FLUSHALL", () => src.flushall()],
      ["CONFIG SET", () => src.config("SET", "maxmemory-policy", "allkeys-lru")],
      ["REPLICAOF", () => src.replicaof("127.0.0.1", 1)],
      ["EVAL", () => src.eval("return redis.call('set', KEYS[1], 'x')", 1, "str")],
      ["SET", () => src.call("set", "str", "x")],
      ["SET", () => src.call("SeT", "str", "x")],
      ["HSET", () => src.call("HSET", "h", "f", "2")],
      ["EXPIRE", () => src.expire("str", 1)],
      ["BGSAVE", () => src.bgsave()],
      ["SHUTDOWN", () => src.call("shutdown", "nosave")],
      ["CLIENT KILL", () => src.client("KILL", "ID", "1")],
      ["SET", () => src.pipeline().get("str").set("str", "x").exec()],
      ["DEL", () => src.pipeline([["del", "h"]]).exec()],
      ["SET", () => src.multi().set("str", "x").get("str").exec()],
      ["SET", () => src.duplicate().set("str", "x")],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toMatchObject({ code: "REDIS_READ_ONLY_GUARD", detail: { command: name } });
    }
    // The connection is still usable after refusals (nothing half-written on the wire).
    expect(await src.get("str")).toBe("v");
    src.disconnect();
    expect(await snapshotKeyspace()).toEqual(before);
  });

  it("runs the reads Ferry needs, including in pipelines and MULTI", async () => {
    const src = openRedis(ep(), { role: "source" });
    expect(await src.ping()).toBe("PONG");
    expect(await src.info("keyspace")).toContain("db0:keys=4");
    const [cursor, keys] = await src.scan("0", "COUNT", 100);
    expect(cursor).toBe("0");
    expect(keys.sort()).toEqual(["h", "l", "str", "z"]);
    expect(await src.type("h")).toBe("hash");
    expect(await src.pttl("str")).toBeGreaterThan(0);
    expect(await src.dumpBuffer("l")).toBeInstanceOf(Buffer);
    expect(await src.memory("USAGE", "str")).toBeGreaterThan(0);
    expect(await src.config("GET", "databases")).toEqual(["databases", "16"]);
    expect(await src.call("COMMAND", "INFO", "get")).toHaveLength(1);
    expect(await src.object("ENCODING", "h")).toBe("listpack");
    expect(await src.hgetall("h")).toEqual({ f: "1" });
    expect(await src.lrange("l", 0, -1)).toEqual(["a", "b"]);
    expect(await src.zrange("z", 0, -1)).toEqual(["m"]);
    expect(await src.dbsize()).toBe(4);
    expect(await src.pipeline().type("str").pttl("str").memory("USAGE", "str").exec()).toHaveLength(3);
    expect(await src.multi().get("str").hlen("h").exec()).toEqual([[null, "v"], [null, 1]]);
    expect(await src.select(1)).toBe("OK");
    src.disconnect();
  });

  it("lets BGSAVE and CONFIG SET through only with an issued consent that names them", async () => {
    const src = openRedis(ep(), { role: "source" });
    const bgsaveOnly = grantOperatorConsent({ operator: "ana", reason: "snapshot before migration", commands: ["BGSAVE"] });
    expect(String(await runConsentedCommand(src, bgsaveOnly, { command: "BGSAVE" }))).toMatch(/Background saving started/);
    await expect(runConsentedCommand(src, bgsaveOnly, { command: "CONFIG SET", parameter: "notify-keyspace-events", value: "KEA" })).rejects.toMatchObject({ code: "REDIS_READ_ONLY_GUARD" });
    const forged = { operator: "x", reason: "y", grantedAt: "", commands: ["CONFIG SET"] } as OperatorConsent;
    await expect(runConsentedCommand(src, forged, { command: "CONFIG SET", parameter: "notify-keyspace-events", value: "KEA" })).rejects.toMatchObject({ code: "REDIS_READ_ONLY_GUARD" });
    expect(await src.config("GET", "notify-keyspace-events")).toEqual(["notify-keyspace-events", ""]);
    const cfg = grantOperatorConsent({ operator: "ana", reason: "live mode", commands: ["CONFIG SET"] });
    expect(await runConsentedCommand(src, cfg, { command: "CONFIG SET", parameter: "notify-keyspace-events", value: "KEA" })).toBe("OK");
    expect(((await src.config("GET", "notify-keyspace-events")) as string[])[1]).toMatch(/^(?=.*K)(?=.*E)/);
    // Consent is per call: the plain client stays guarded afterwards.
    await expect(src.config("SET", "notify-keyspace-events", "")).rejects.toMatchObject({ code: "REDIS_READ_ONLY_GUARD" });
    src.disconnect();
  });

  it("names the subcommand in the refusal and accepts any case", () => {
    expect(readOnlyRefusal("config", ["set", "x", "y"])?.message).toMatch(/CONFIG SET/);
    expect(readOnlyRefusal("CoNfIg", [Buffer.from("GeT"), "x"])).toBeNull();
    expect(readOnlyRefusal("MEMORY", ["PURGE"])?.message).toMatch(/MEMORY PURGE/);
    expect(readOnlyRefusal("__proto__")).not.toBeNull();
    expect(readOnlyRefusal("toString")).not.toBeNull();
  });

  it("admits Ferry's read script by its SHA only (EVALSHA_RO, or EVAL_RO whose body hashes to it), and no other script", async () => {
    expect(readOnlyRefusal("EVALSHA_RO", [VERIFY_READ_SCRIPT_SHA, 0])).toBeNull();
    expect(readOnlyRefusal("EVAL_RO", [VERIFY_READ_SCRIPT, 0])).toBeNull();
    expect(readOnlyRefusal("EVALSHA_RO", ["0".repeat(40), 0])?.code).toBe("REDIS_READ_ONLY_GUARD");
    expect(readOnlyRefusal("EVAL_RO", [`${VERIFY_READ_SCRIPT} `, 0])?.code).toBe("REDIS_READ_ONLY_GUARD");
    expect(readOnlyRefusal("EVALSHA", [VERIFY_READ_SCRIPT_SHA, 0])?.code).toBe("REDIS_READ_ONLY_GUARD");
    const client = openRedis(ep(), { role: "source" });
    try {
      await expect(client.call("EVAL_RO", "return redis.call('DBSIZE')", 0)).rejects.toMatchObject({ code: "REDIS_READ_ONLY_GUARD" });
      const [meta] = (await client.call("EVAL_RO", VERIFY_READ_SCRIPT, 1, "absent", 1024, "1", 1024, 64)) as [number[]];
      expect(meta).toEqual([-2, 0, -1]);
      expect(await client.call("EVALSHA_RO", VERIFY_READ_SCRIPT_SHA, 1, "absent", 1024, "1", 1024, 64)).toEqual([[-2, 0, -1], ""]);
    } finally {
      client.disconnect();
    }
  });
});
