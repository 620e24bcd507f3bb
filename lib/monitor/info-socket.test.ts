import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import Redis from "ioredis";
import { EndReader } from "./end-reader";
import { InfoSocket, infoRequest } from "./info-socket";

let authed: RedisProcess;
beforeAll(async () => {
  authed = await startRedis({ name: "info-socket", args: ["--requirepass", "s3cret"] });
  const a = new Redis({ host: "127.0.0.1", port: authed.port, password: "s3cret", maxRetriesPerRequest: 1 });
  // An ACL user that may read INFO but not run CLIENT: the reader only loses its connection name.
  await a.call("ACL", "SETUSER", "watcher", "on", ">watch", "+info", "+auth");
  await a.call("ACL", "SETUSER", "blind", "on", ">blind", "+auth", "+client");
  await a.mset("a", "1", "b", "2");
  a.disconnect();
});
afterAll(() => authed.stop());

const admin = () => new Redis({ host: "127.0.0.1", port: authed.port, password: "s3cret", maxRetriesPerRequest: 1 });
const endpoint = (extra: { username?: string; password?: string }) => ({ host: authed.host, port: authed.port, ...extra });
const reply = (s: InfoSocket) => new Promise<unknown>((resolve) => s.request(infoRequest({ slow: true, persistence: true }), resolve));

describe("InfoSocket", () => {
  it("authenticates, names itself in CLIENT LIST and answers every section of a plan", async () => {
    const s = await InfoSocket.open(endpoint({ password: "s3cret" }), { connectTimeoutMs: 2_000, name: "ferry-monitor-test" });
    try {
      const replies = (await reply(s)) as string[];
      expect(replies).toHaveLength(5);
      expect(replies[0]).toMatch(/^# Replication\r\nrole:master/);
      expect(replies[1]).toMatch(/db0:keys=2,/);
      const a = admin();
      expect(String(await a.call("CLIENT", "LIST"))).toContain("name=ferry-monitor-test");
      a.disconnect();
    } finally {
      s.close();
    }
  });

  it("refuses a wrong password with REDIS_AUTH_FAILED and no secret in the message", async () => {
    const err = await InfoSocket.open(endpoint({ password: "wrong-pass" }), { connectTimeoutMs: 2_000, name: "x" }).then(() => null, (e: Error & { code?: string }) => e);
    expect(err).toMatchObject({ code: "REDIS_AUTH_FAILED" });
    expect(err!.message).not.toContain("wrong-pass");
  });

  it("reads through an ACL user that may not run CLIENT, and fails the pending read when the connection closes", async () => {
    const s = await InfoSocket.open(endpoint({ username: "watcher", password: "watch" }), { connectTimeoutMs: 2_000, name: "refused" });
    expect(((await reply(s)) as string[])[0]).toMatch(/role:master/);
    const pending = reply(s);
    s.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(await reply(s)).toBeInstanceOf(Error);
  });

  it("an EndReader turns an INFO the server refuses into a gap and its reason", async () => {
    const reader = new EndReader({ locate: async () => endpoint({ username: "blind", password: "blind" }), connectionName: "blind", timeoutMs: 800 });
    try {
      expect(await reader.read()).toBeNull();
      expect(reader.lastError).toMatch(/NOPERM/);
    } finally {
      await reader.close();
    }
  });
});
