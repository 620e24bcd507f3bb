import "../../test/use-test-db";
import util from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { Redis } from "ioredis";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { db } from "../db";
import { openRedis } from "./connect";
import { actionDeps } from "../actions/action";
import { createActionClient } from "../actions/safe-action";
import { recordEvent } from "../events/record-event";
import { logError } from "../log-error";
import { logger } from "../logger";

const OLD = "old-stored-password-9f3a";
const NEW = "rotated-password-77c1";
let redis: RedisProcess;

beforeAll(async () => {
  redis = await startRedis({ name: "redact", args: ["--requirepass", OLD] });
});
afterAll(() => redis.stop());

/** Commands in flight on `client` while the password changes on the server under it. */
async function rejectionsAfterPasswordChange(client: Redis): Promise<unknown[]> {
  await client.set("k", "v");
  const admin = new Redis({ host: redis.host, port: redis.port, password: OLD, lazyConnect: true });
  await admin.connect();
  await admin.config("SET", "requirepass", NEW);
  // The commands are issued once the client knows its socket is gone, so they wait for the
  // reconnect, whose AUTH with the stored password is refused.
  const reconnecting = new Promise((resolve) => client.once("reconnecting", resolve));
  await admin.client("KILL", "TYPE", "normal", "SKIPME", "yes");
  await reconnecting;
  const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => client.get("k")));
  await admin.config("SET", "requirepass", OLD);
  admin.disconnect();
  client.disconnect();
  return outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
}

describe("a Redis password changed under a running connection", () => {
  it("rejects pending commands without the stored password in the error", async () => {
    const errors = await rejectionsAfterPasswordChange(openRedis({ host: redis.host, port: redis.port, password: OLD }, { role: "target", timeouts: { maxReconnects: 1 } }));
    expect(errors.length).toBeGreaterThan(0);
    for (const err of errors) {
      expect(util.inspect(err, { depth: 5 })).toMatch(/WRONGPASS/);
      expect(util.inspect(err, { depth: 5 })).not.toContain(OLD);
      expect(JSON.stringify(err)).not.toContain(OLD);
    }
  });

  it("keeps the password out of the server log, the Event and the action's answer", async () => {
    // A client made elsewhere (not through openRedis) shows the error as ioredis makes it.
    const raw = new Redis({ host: redis.host, port: redis.port, password: OLD, maxRetriesPerRequest: 1, commandTimeout: 5_000, retryStrategy: (n) => (n > 1 ? null : 50) });
    raw.on("error", () => {});
    const [err] = await rejectionsAfterPasswordChange(raw);
    expect(util.inspect(err)).toContain(OLD); // what leaked before

    const logged: string[] = [];
    const spy = vi.spyOn(logger(), "error").mockImplementation(((...args: unknown[]) => void logged.push(util.inspect(args, { depth: 8 }))) as never);
    try {
      const action = createActionClient({ ...actionDeps, getContext: async () => ({ user: { id: "u", email: "op@example.com", name: "Op", role: "operator" } }) })({
        name: "captureBaseline", role: "operator", input: z.unknown(), run: async () => { throw err; },
      });
      const answer = await action({});
      logError("[ferry] direct:", err);
      await recordEvent({ type: "test.detail", message: "detail", data: { error: err } });
      expect(answer).toMatchObject({ ok: false, code: "INTERNAL" });
      expect(JSON.stringify(answer)).not.toContain(OLD);
    } finally {
      spy.mockRestore();
    }
    expect(logged.join("\n")).toContain("WRONGPASS");
    expect(logged.join("\n")).not.toContain(OLD);
    const events = await db.event.findMany({ where: { type: { in: ["error.unexpected", "test.detail"] } } });
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain(OLD);
  });
});
