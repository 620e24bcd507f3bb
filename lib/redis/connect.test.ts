import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../lab/free-port";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { AppError } from "../errors";
import { connectRedis, openRedis } from "./connect";
import { testConnection } from "./test-connection";
import { makeSelfSignedCert, opensslAvailable } from "./test-helpers/tls-cert";

const fast = { connectMs: 1_000, commandMs: 1_000 };
let plain: RedisProcess;
let authed: RedisProcess;
let tls: { proc: RedisProcess; tlsPort: number; pem: string } | null = null;
let httpServer: http.Server;
let silentServer: net.Server;
const portOf = (s: net.Server | http.Server) => (s.address() as net.AddressInfo).port;

beforeAll(async () => {
  [plain, authed] = await Promise.all([
    startRedis({ name: "conn-plain" }),
    startRedis({ name: "conn-auth", args: ["--requirepass", "correct-horse"] }),
  ]);
  if (opensslAvailable()) {
    const c = makeSelfSignedCert();
    const tlsPort = await freePort();
    // The plain port stays on so startRedis can PING it; the test talks to tlsPort.
    const proc = await startRedis({ name: "conn-tls", args: ["--tls-port", String(tlsPort), "--tls-cert-file", c.cert,
      "--tls-key-file", c.key, "--tls-ca-cert-file", c.cert, "--tls-auth-clients", "no"] });
    tls = { proc, tlsPort, pem: c.pem };
  }
  httpServer = http.createServer((_, res) => res.end("hello")).listen(0, "127.0.0.1");
  silentServer = net.createServer(() => {}).listen(0, "127.0.0.1");
});
afterAll(() => {
  httpServer.close();
  silentServer.close();
});

describe("testConnection", () => {
  it("reports version, engine, role, mode, memory and keys per db", async () => {
    const c = openRedis({ host: plain.host, port: plain.port }, { role: "target" });
    await c.mset("a", "1", "b", "2");
    await c.select(2);
    await c.set("c", "3");
    c.disconnect();
    const r = await testConnection({ host: plain.host, port: plain.port });
    expect(r).toMatchObject({ ok: true, engine: "redis", version: expect.stringMatching(/^7\./), role: "primary", mode: "standalone", totalKeys: 3 });
    if (!r.ok) throw new Error("unreachable");
    expect(r.keyspace[0].keys).toBe(2);
    expect(r.keyspace[2].keys).toBe(1);
    expect(r.usedMemory).toBeGreaterThan(0);
    expect(r.maxmemory).toBe(0);
  });

  it("names DNS failure, refused port and a silent server", async () => {
    expect(await testConnection({ host: "no-such-host.invalid", port: 6379 }, { timeouts: fast })).toMatchObject({ ok: false, code: "REDIS_DNS" });
    const closed = await freePort();
    expect(await testConnection({ host: "127.0.0.1", port: closed }, { timeouts: fast })).toMatchObject({ ok: false, code: "REDIS_REFUSED", message: expect.stringContaining(`127.0.0.1:${closed}`) });
    const started = Date.now();
    const silent = await testConnection({ host: "127.0.0.1", port: portOf(silentServer) }, { timeouts: fast });
    expect(silent).toMatchObject({ ok: false, code: "REDIS_TIMEOUT", message: expect.stringMatching(/never answered/) });
    expect(Date.now() - started).toBeLessThan(3_500);
  });

  it("says NOAUTH when a password is needed and WRONGPASS when it is wrong; never echoes the password", async () => {
    const ep = { host: authed.host, port: authed.port };
    const missing = await testConnection(ep, { timeouts: fast });
    expect(missing).toMatchObject({ ok: false, code: "REDIS_AUTH_FAILED", message: expect.stringContaining("NOAUTH") });
    const wrong = await testConnection({ ...ep, password: "battery-staple" }, { timeouts: fast });
    expect(wrong).toMatchObject({ ok: false, code: "REDIS_AUTH_FAILED", message: expect.stringContaining("WRONGPASS") });
    expect(JSON.stringify(wrong)).not.toContain("battery-staple");
    const wrongUser = await testConnection({ ...ep, username: "bob", password: "correct-horse" }, { timeouts: fast });
    expect(wrongUser).toMatchObject({ ok: false, code: "REDIS_AUTH_FAILED" });
    expect(await testConnection({ ...ep, password: "correct-horse" })).toMatchObject({ ok: true });
  });

  it("recognises an HTTP server as not Redis", async () => {
    const r = await testConnection({ host: "127.0.0.1", port: portOf(httpServer) }, { timeouts: fast });
    expect(r).toMatchObject({ ok: false, code: "REDIS_NOT_REDIS", message: expect.stringMatching(/HTTP/) });
  });

  describe.runIf(opensslAvailable())("TLS", () => {
    it("connects with the CA and server name", async () => {
      const r = await testConnection({ host: "127.0.0.1", port: tls!.tlsPort, tls: true, tlsCa: tls!.pem, tlsServername: "localhost" });
      expect(r).toMatchObject({ ok: true, engine: "redis" });
    });

    it("explains an untrusted certificate and a name mismatch", async () => {
      const untrusted = await testConnection({ host: "127.0.0.1", port: tls!.tlsPort, tls: true }, { timeouts: fast });
      expect(untrusted).toMatchObject({ ok: false, code: "REDIS_TLS", message: expect.stringMatching(/CA certificate/) });
      const badName = await testConnection({ host: "127.0.0.1", port: tls!.tlsPort, tls: true, tlsCa: tls!.pem }, { timeouts: fast });
      expect(badName).toMatchObject({ ok: false, code: "REDIS_TLS", message: expect.stringMatching(/server name/) });
    });

    it("explains plain-to-TLS and TLS-to-plain mismatches", async () => {
      const plainToTls = await testConnection({ host: "127.0.0.1", port: tls!.tlsPort }, { timeouts: fast });
      expect(plainToTls).toMatchObject({ ok: false, code: "REDIS_TLS", message: expect.stringMatching(/turn TLS on/) });
      const tlsToPlain = await testConnection({ host: plain.host, port: plain.port, tls: true, tlsSkipVerify: true }, { timeouts: fast });
      expect(tlsToPlain).toMatchObject({ ok: false, code: "REDIS_TLS", message: expect.stringMatching(/does not speak TLS/) });
    });
  });
});

describe("ACL users", () => {
  it("connects as an ACL user and classifies a missing permission as NOPERM", async () => {
    const admin = openRedis({ host: plain.host, port: plain.port }, { role: "target" });
    await admin.call("ACL", "SETUSER", "ferry-ro", "on", ">ro-pass", "~*", "+@read", "+info", "+ping", "+client|setname", "+select");
    admin.disconnect();
    const ep = { host: plain.host, port: plain.port, username: "ferry-ro", password: "ro-pass" };
    expect(await testConnection(ep)).toMatchObject({ ok: true });
    const c = await connectRedis(ep, { role: "source" });
    const err = await c.config("GET", "databases").catch((e) => e);
    c.disconnect();
    const { classifyRedisError } = await import("./classify-redis-error");
    expect(classifyRedisError(err, { where: "src:6379" })).toMatchObject({ code: "REDIS_NOPERM", message: expect.stringContaining("src:6379") });
  });
});

describe("connectRedis", () => {
  it("throws one classified AppError and gives up instead of reconnecting forever", async () => {
    const closed = await freePort();
    const err = await connectRedis({ host: "127.0.0.1", port: closed }, { role: "target", timeouts: fast }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("REDIS_REFUSED");
  });

  it("fails a command on a dead server within the command timeout instead of queueing it", async () => {
    const doomed = await startRedis({ name: "conn-doomed" });
    const c = await connectRedis({ host: doomed.host, port: doomed.port }, { role: "target", timeouts: { ...fast, maxReconnects: 1, maxRetriesPerRequest: 0 } });
    await doomed.stop();
    const started = Date.now();
    await expect(c.get("k")).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3_000);
    c.disconnect();
  });
});
