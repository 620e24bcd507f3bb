import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../lab/demo-data";
import { freePort } from "../../lab/free-port";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import type { AppError } from "../errors";
import type { TRedisEndpoint } from "./endpoint";
import { openRdbStream, type RdbStreamProgress } from "./rdb-stream";
import { makeSelfSignedCert, opensslAvailable } from "./test-helpers/tls-cert";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-rdb-stream-"));
const NO_DELAY = ["--repl-diskless-sync-delay", "0"];
let diskless: RedisProcess;
let diskBased: RedisProcess;
let withAcl: RedisProcess;

async function dbsize(port: number, db = 0): Promise<number> {
  const c = new Redis({ port, db, lazyConnect: true });
  await c.connect();
  try {
    return await c.dbsize();
  } finally {
    c.disconnect();
  }
}

async function keysPerDb(port: number): Promise<string> {
  const c = new Redis({ port, lazyConnect: true });
  await c.connect();
  try {
    return (await c.info("keyspace")).split("\n").filter((l) => l.startsWith("db")).map((l) => l.split(",")[0]).join(" ");
  } finally {
    c.disconnect();
  }
}

async function streamToFile(endpoint: TRedisEndpoint, file: string, onProgress?: (p: RdbStreamProgress) => void) {
  const rdb = await openRdbStream({ endpoint, fallbackTarget: { bucket: "b", key: "k.rdb" }, onProgress, progressEveryMs: 0 });
  await pipeline(rdb.body, fs.createWriteStream(file));
  return rdb.done;
}

beforeAll(async () => {
  [diskless, diskBased, withAcl] = await Promise.all([
    startRedis({ name: "rdb-diskless", args: [...NO_DELAY, "--repl-diskless-sync", "yes"] }),
    startRedis({ name: "rdb-disk", args: ["--repl-diskless-sync", "no"] }),
    startRedis({ name: "rdb-acl", args: [...NO_DELAY, "--requirepass", "s3cret"] }),
  ]);
  await Promise.all([
    loadDemoData({ port: diskless.port, keys: 4_000, bigKeyElements: 2_000 }),
    loadDemoData({ port: diskBased.port, keys: 2_000, bigKeyElements: 500 }),
  ]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("openRdbStream", () => {
  it("streams a diskless RDB ($EOF: mark) that boots a fresh redis-server with the same keys in every db", async () => {
    const file = path.join(dir, "diskless.rdb");
    const seen: RdbStreamProgress[] = [];
    const result = await streamToFile({ host: "127.0.0.1", port: diskless.port }, file, (p) => seen.push(p));
    expect(result.format).toBe("eof");
    expect(result.announcedBytes).toBeNull();
    expect(result.bytes).toBe(fs.statSync(file).size);
    expect(result.replId).toMatch(/^[0-9a-f]{40}$/);
    expect(seen.at(-1)?.bytes).toBe(result.bytes);

    const restored = await startRedis({ name: "rdb-restored", rdbFile: file });
    expect(await dbsize(restored.port)).toBe(await dbsize(diskless.port));
    expect(await keysPerDb(restored.port)).toBe(await keysPerDb(diskless.port));
    expect(await keysPerDb(restored.port)).toMatch(/db0:keys=\d+ db1:keys=\d+ db2:keys=\d+/);
  });

  it("streams a disk-based RDB ($<len>) and reports the announced size", async () => {
    const file = path.join(dir, "disk.rdb");
    const result = await streamToFile({ host: "127.0.0.1", port: diskBased.port }, file);
    expect(result.format).toBe("bulk");
    expect(result.announcedBytes).toBe(result.bytes);
    const restored = await startRedis({ name: "rdb-restored-disk", rdbFile: file });
    expect(await keysPerDb(restored.port)).toBe(await keysPerDb(diskBased.port));
  });

  it("leaves the source as it was: same keys, no write recorded, no replica left connected", async () => {
    const c = new Redis({ port: diskless.port, lazyConnect: true });
    await c.connect();
    const before = await c.info();
    await streamToFile({ host: "127.0.0.1", port: diskless.port }, path.join(dir, "again.rdb"));
    await new Promise((r) => setTimeout(r, 100));
    const after = await c.info();
    const field = (info: string, name: string) => new RegExp(`^${name}:(.*)$`, "m").exec(info)?.[1].trim();
    expect(field(after, "connected_slaves")).toBe("0");
    expect(field(after, "master_repl_offset")).toBe(field(before, "master_repl_offset"));
    expect(field(after, "rdb_changes_since_last_save")).toBe(field(before, "rdb_changes_since_last_save"));
    expect(await c.dbsize()).toBe(await dbsize(diskless.port));
    c.disconnect();
  });

  it("authenticates, and without the password refuses with the BGSAVE + upload instructions", async () => {
    const c = new Redis({ port: withAcl.port, password: "s3cret", lazyConnect: true });
    await c.connect();
    await c.set("k", "v");
    c.disconnect();
    const file = path.join(dir, "auth.rdb");
    const ok = await streamToFile({ host: "127.0.0.1", port: withAcl.port, password: "s3cret" }, file);
    expect(ok.bytes).toBeGreaterThan(0);

    const err = (await streamToFile({ host: "127.0.0.1", port: withAcl.port }, file).catch((e) => e)) as AppError;
    expect(err.code).toBe("REDIS_AUTH_FAILED");
    expect(err.message).toContain("NOAUTH");
    expect(err.message).toContain(`redis-cli -h 127.0.0.1 -p ${withAcl.port} BGSAVE`);
    expect(err.message).toContain("aws s3 cp <dir>/<dbfilename> s3://b/k.rdb");
    expect(err.detail?.fallback).toBe("bgsave-upload");
  });

  it("an ACL user without +psync gets the ACL fix; a wrong password is a plain auth failure", async () => {
    const c = new Redis({ port: withAcl.port, password: "s3cret", lazyConnect: true });
    await c.connect();
    await c.call("ACL", "SETUSER", "reader", "on", ">pw", "~*", "+@read", "+replconf");
    c.disconnect();
    const noperm = (await streamToFile({ host: "127.0.0.1", port: withAcl.port, username: "reader", password: "pw" }, path.join(dir, "x.rdb")).catch((e) => e)) as AppError;
    expect(noperm.code).toBe("REDIS_NOPERM");
    expect(noperm.message).toContain("ACL SETUSER <user> +psync +replconf");
    const wrong = (await streamToFile({ host: "127.0.0.1", port: withAcl.port, password: "nope" }, path.join(dir, "x.rdb")).catch((e) => e)) as AppError;
    expect(wrong.code).toBe("REDIS_AUTH_FAILED");
  });

  it("a source with PSYNC and SYNC renamed away refuses with the manual way out", async () => {
    const renamed = await startRedis({ name: "rdb-renamed", args: ["--rename-command", "PSYNC", "", "--rename-command", "SYNC", ""] });
    const err = (await streamToFile({ host: "127.0.0.1", port: renamed.port }, path.join(dir, "r.rdb")).catch((e) => e)) as AppError;
    expect(err.code).toBe("REDIS_ERROR");
    expect(err.message).toMatch(/renamed or disabled/);
    expect(err.message).toContain("BGSAVE");
  });

  it.runIf(opensslAvailable())("streams over TLS", async () => {
    const cert = makeSelfSignedCert();
    const tlsPort = await freePort();
    const proc = await startRedis({ name: "rdb-tls", args: [...NO_DELAY, "--tls-port", String(tlsPort), "--tls-cert-file", cert.cert,
      "--tls-key-file", cert.key, "--tls-ca-cert-file", cert.cert, "--tls-auth-clients", "no"] });
    await loadDemoData({ port: proc.port, keys: 500, dbs: [0], bigKeyElements: 100 });
    const file = path.join(dir, "tls.rdb");
    await streamToFile({ host: "127.0.0.1", port: tlsPort, tls: true, tlsCa: cert.pem, tlsServername: "localhost" }, file);
    const restored = await startRedis({ name: "rdb-restored-tls", rdbFile: file });
    expect(await dbsize(restored.port)).toBe(await dbsize(proc.port));
  });
});
