import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { openRedis } from "../redis/connect";
import { asAppError, isTransient } from "./step-errors";

let redis: RedisProcess;
beforeAll(async () => {
  redis = await startRedis({ name: "step-errors" });
});
afterAll(() => redis.stop());

describe("asAppError", () => {
  it("retries a step whose Redis went away mid-command (ioredis gave up after Ferry's default retries)", async () => {
    const client = openRedis({ host: redis.host, port: redis.port }, { role: "target" });
    try {
      await client.ping();
      await redis.stop();
      const err = await client.get("k").then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      const app = asAppError(err);
      expect(app.code).toBe("REDIS_TIMEOUT");
      expect(isTransient(app)).toBe(true);
    } finally {
      client.disconnect();
    }
  });

  it("retries a restarted node still loading its dataset, and fails a step on an unexpected error", () => {
    expect(isTransient(asAppError(new Error("LOADING Redis is loading the dataset in memory")))).toBe(true);
    const other = asAppError(new Error("WRONGTYPE Operation against a key holding the wrong kind of value"));
    expect(other.code).toBe("RUNNER_ERROR");
    expect(isTransient(other)).toBe(false);
  });
});
