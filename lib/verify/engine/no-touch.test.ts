import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_TOUCH_MISSING_NOTE, NO_TOUCH_ON, NO_TOUCH_PROBE } from "@/lib/redis/no-touch";
import { compareKeyspaces } from "./compare-keyspaces";
import { encodeCommands } from "./resp-encode";
import { seedBoth, startRedisPair, type RedisPair } from "../test-helpers/test-redis-pair";

// Redis keeps idle time in whole seconds (its LRU clock ticks every 1000 ms).
const LRU_CLOCK_MS = 1000;
let pair: RedisPair;

beforeAll(async () => {
  pair = await startRedisPair();
  await seedBoth(pair, async (r) => {
    await r.set("cold", "v");
    await r.hset("cold-hash", "f", "v");
  });
}, 60_000);
afterAll(() => pair.stop());

describe("the source's LRU/LFU clocks", () => {
  it("on Redis 7.0 (no CLIENT NO-TOUCH) reads reset OBJECT IDLETIME, and the result says so", async () => {
    await new Promise((r) => setTimeout(r, 3 * LRU_CLOCK_MS + 100));
    const idleBefore = Number(await pair.src.object("IDLETIME", "cold"));
    expect(idleBefore).toBeGreaterThanOrEqual(3);
    const result = await compareKeyspaces({ ...pair.sides, rounds: 1 });
    expect(result.totals.OK).toBe(2);
    // Untouched, idle time only grows; read, it starts again from 0 (a loaded machine may let a
    // second or two pass between that read and this question, hence not "exactly 0").
    expect(Number(await pair.src.object("IDLETIME", "cold"))).toBeLessThan(idleBefore);
    expect(result.sourceNoTouch).toBe(false);
    expect(result.notes).toEqual([NO_TOUCH_MISSING_NOTE]);
  });

  it("sends CLIENT NO-TOUCH ON on every source connection when COMMAND INFO advertises it", async () => {
    const proxy = await noTouchProxy(pair.source.port);
    try {
      const result = await compareKeyspaces({ source: { endpoint: { host: "127.0.0.1", port: proxy.port }, readOnly: true }, target: pair.sides.target, rounds: 1 });
      expect(result.totals.OK).toBe(2);
      expect(result.sourceNoTouch).toBe(true);
      expect(result.notes).toEqual([]);
      // The scan link and the value link: both may read, both are switched.
      expect(proxy.noTouchOn).toBe(2);
    } finally {
      proxy.close();
    }
  });
});

/**
 * A pass-through to a real 7.0 server that plays a 7.2 one for the two NO-TOUCH commands only:
 * it advertises CLIENT|NO-TOUCH in COMMAND INFO and accepts CLIENT NO-TOUCH ON, counting them.
 */
async function noTouchProxy(upstreamPort: number): Promise<{ port: number; noTouchOn: number; close(): void }> {
  const probe = encodeCommands([[...NO_TOUCH_PROBE]]);
  const on = encodeCommands([[...NO_TOUCH_ON]]);
  const sockets = new Set<net.Socket>();
  const state = { port: 0, noTouchOn: 0, close: () => {} };
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: "127.0.0.1", port: upstreamPort });
    sockets.add(client).add(upstream);
    client.on("data", (chunk) => {
      if (chunk.equals(probe)) client.write("*1\r\n*1\r\n$15\r\nclient|no-touch\r\n");
      else if (!chunk.equals(on)) upstream.write(chunk);
      else {
        state.noTouchOn++;
        client.write("+OK\r\n");
      }
    });
    upstream.on("data", (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  state.port = (server.address() as net.AddressInfo).port;
  state.close = () => {
    for (const s of sockets) s.destroy();
    server.close();
  };
  return state;
}
