import { describe, expect, it } from "vitest";
import fs from "node:fs";
import Redis from "ioredis";
import { startRedis } from "./redis-process";

describe("startRedis", () => {
  it("starts a real server on loopback and removes its directory when stopped", async () => {
    const r = await startRedis({ name: "t" });
    const c = new Redis({ host: r.host, port: r.port, lazyConnect: true });
    await c.connect();
    await c.set("k", "v");
    expect(await c.get("k")).toBe("v");
    c.disconnect();
    await r.stop();
    expect(fs.existsSync(r.dir)).toBe(false);
    expect(() => process.kill(r.pid, 0)).toThrow();
  });

  it("passes extra arguments through", async () => {
    const r = await startRedis({ args: ["--databases", "32"] });
    const c = new Redis({ host: r.host, port: r.port });
    expect(await c.config("GET", "databases")).toEqual(["databases", "32"]);
    c.disconnect();
    await r.stop();
  });
});
