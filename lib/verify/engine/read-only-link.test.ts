import { afterAll, beforeAll, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "@/lab/redis-process";
import { openLink } from "./verify-link";

let server: RedisProcess;
beforeAll(async () => void (server = await startRedis({ name: "verify-ro" })));
afterAll(() => server.stop());

it("a read-only lean socket refuses a write before anything reaches the source", async () => {
  const link = await openLink({ endpoint: { host: server.host, port: server.port }, readOnly: true });
  try {
    await expect(link.send([["SET", "touched", "1"]])).rejects.toMatchObject({ code: "REDIS_READ_ONLY_GUARD" });
    await expect(link.send([["CONFIG", "SET", "maxmemory", "1"]])).rejects.toMatchObject({ code: "REDIS_READ_ONLY_GUARD" });
    const [exists, info] = await link.send([["EXISTS", "touched"], ["CONFIG", "GET", "maxmemory"]]);
    expect(exists).toBe(0);
    expect((info as Buffer[])[1].toString()).toBe("0");
  } finally {
    link.close();
  }
});
