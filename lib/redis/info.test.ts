import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { infoNumber, infoString, parseInfo } from "./info";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8");
const FIXTURES = fs.readdirSync(path.join(__dirname, "fixtures")).filter((f) => f.endsWith(".txt"));

describe("parseInfo on real and vendor samples", () => {
  it("reads a Redis 7.0 primary with a replica (captured, CRLF)", () => {
    const info = parseInfo(fixture("redis-7.0-primary-with-replica.txt"));
    expect(info.engine).toBe("redis");
    expect(info.version).toBe("7.0.15");
    expect(infoString(info, "role")).toBe("master");
    expect(info.keyspace[0]).toMatchObject({ keys: 2, expires: 1 });
    expect(info.keyspace[3]).toEqual({ keys: 1, expires: 0, avgTtl: 0 });
    expect(info.replicas).toHaveLength(1);
    expect(info.replicas[0]).toMatchObject({ index: 0, ip: "127.0.0.1", state: "online", lag: 0 });
    expect(typeof info.replicas[0].port).toBe("number");
    expect(info.sections.memory.used_memory).toMatch(/^\d+$/);
    // No field keeps a trailing \r from the CRLF line ends.
    expect(Object.values(info.fields).some((v) => v.includes("\r"))).toBe(false);
  });

  it("reads a Redis 7.0 replica's link fields", () => {
    const info = parseInfo(fixture("redis-7.0-replica.txt"));
    expect(infoString(info, "role")).toBe("slave");
    expect(infoString(info, "master_link_status")).toBe("up");
    expect(infoNumber(info, "slave_repl_offset")).toBeGreaterThanOrEqual(0);
    expect(info.replicas).toEqual([]);
  });

  it("reads an empty server: no keyspace entries, not an error", () => {
    const info = parseInfo(fixture("redis-7.0-standalone-empty.txt"));
    expect(info.keyspace).toEqual({});
    expect(info.sections.keyspace ?? {}).toEqual({});
  });

  it("reports Valkey's own version, not its redis_version compatibility constant", () => {
    const info = parseInfo(fixture("valkey-8.0-primary.txt"));
    expect(info.engine).toBe("valkey");
    expect(info.version).toBe("8.0.1");
    expect(info.keyspace[5]).toEqual({ keys: 7, expires: 0, avgTtl: 0 });
    expect(info.replicas[0]).toEqual({ index: 0, ip: "10.0.1.12", port: 6379, state: "online", offset: 98231, lag: 1 });
  });

  it("reads Redis 5 with two replicas, one still waiting for its BGSAVE", () => {
    const info = parseInfo(fixture("redis-5.0-primary.txt"));
    expect(info.version).toBe("5.0.14");
    expect(info.replicas.map((r) => r.state)).toEqual(["online", "wait_bgsave"]);
    expect(info.keyspace[0].keys).toBe(250000);
    expect(infoString(info, "rdb_last_bgsave_status")).toBe("err");
  });

  it("reads an ElastiCache replica: nan fragmentation is unknown, negative markers stay numbers", () => {
    const info = parseInfo(fixture("elasticache-7.1-replica.txt"));
    expect(infoNumber(info, "mem_fragmentation_ratio")).toBeNull();
    expect(infoNumber(info, "master_last_io_seconds_ago")).toBe(-1);
    expect(infoNumber(info, "maxmemory")).toBe(1471026299);
    expect(info.keyspace).toEqual({});
  });

  it("accepts LF, CR and missing section headers; keeps unknown fields; reads Redis 2.6 replica lines", () => {
    const info = parseInfo("role:master\rfuture_field:42\nslave0:10.0.0.9,6380,online\n# keyspace\ndb12:keys=5,expires=1");
    expect(info.sections[""]).toMatchObject({ role: "master", future_field: "42" });
    expect(infoNumber(info, "future_field")).toBe(42);
    expect(info.replicas[0]).toMatchObject({ ip: "10.0.0.9", port: 6380, state: "online" });
    expect(info.keyspace[12]).toEqual({ keys: 5, expires: 1, avgTtl: null });
  });

  it("keeps prototype-looking field names as data", () => {
    const info = parseInfo("__proto__:1\nconstructor:2\ndb0:keys=1,__proto__=3");
    expect(info.fields.__proto__).toBe("1");
    expect(Object.getPrototypeOf(info.fields)).toBe(Object.prototype);
    expect(info.keyspace[0].keys).toBe(1);
    expect(JSON.parse(JSON.stringify(info)).fields.constructor).toBe("2");
  });
});

describe("parseInfo is total", () => {
  it("never throws on arbitrary strings and returns the documented shape", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (s) => {
        const info = parseInfo(s);
        expect(["redis", "valkey"]).toContain(info.engine);
        expect(Array.isArray(info.replicas)).toBe(true);
        for (const entry of Object.values(info.keyspace)) expect(Number.isInteger(entry.keys)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("never throws on mutated real samples (lines dropped, duplicated, truncated, garbage spliced)", () => {
    const samples = FIXTURES.map(fixture);
    const mutation = fc.record({
      sample: fc.integer({ min: 0, max: samples.length - 1 }),
      cut: fc.nat(),
      junk: fc.string({ maxLength: 40 }),
      at: fc.nat(),
      drop: fc.nat(),
    });
    fc.assert(
      fc.property(mutation, ({ sample, cut, junk, at, drop }) => {
        const lines = samples[sample].split(/\r?\n/);
        lines.splice(drop % lines.length, 1);
        const i = at % lines.length;
        lines[i] = lines[i].slice(0, cut % (lines[i].length + 1)) + junk;
        const info = parseInfo(lines.join(at % 2 ? "\r\n" : "\n"));
        expect(info).toHaveProperty("fields");
      }),
      { numRuns: 400 },
    );
  });

  it("treats non-string input as empty", () => {
    for (const v of [undefined, null, 42, {}, ["a:b"]]) expect(parseInfo(v).fields).toEqual({});
    expect(parseInfo(Buffer.from("role:master")).fields.role).toBe("master");
  });
});
