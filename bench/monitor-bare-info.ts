/**
 * The bare minimum the sampler cannot go below, for bench/monitor.ts: the same INFO requests to
 * the same endpoints on the same schedule (lib/monitor/info-plan.ts), over raw RESP on plain
 * sockets, the needed fields parsed, nothing stored. Its CPU is the ratio's denominator.
 */
import net from "node:net";
import { endFacts } from "../lib/monitor/end-facts";
import { infoCommands, parseInfoLean, type TInfoPlan } from "../lib/monitor/info-plan";

type Conn = { socket: net.Socket; buf: Buffer; texts: string[]; want: number; done: (() => void) | null };

/** Reads `want` bulk-string replies off the connection's buffer; true when all are in. */
function drain(c: Conn): boolean {
  while (c.texts.length < c.want) {
    const nl = c.buf.indexOf("\r\n");
    if (nl < 0) return false;
    const len = Number(c.buf.toString("latin1", 1, nl));
    if (c.buf.length < nl + 2 + len + 2) return false;
    c.texts.push(c.buf.toString("latin1", nl + 2, nl + 2 + len));
    c.buf = c.buf.subarray(nl + 2 + len + 2);
  }
  return true;
}

export async function runBareInfo(ports: number[], opts: { intervalMs: number; slowEveryMs: number; persistenceEveryMs: number }): Promise<void> {
  const conns = await Promise.all(
    ports.map(
      (port) =>
        new Promise<Conn>((resolve, reject) => {
          const socket = net.connect({ host: "127.0.0.1", port }, () => resolve(c));
          const c: Conn = { socket, buf: Buffer.alloc(0), texts: [], want: 0, done: null };
          socket.setNoDelay(true);
          socket.on("data", (d: Buffer) => {
            c.buf = c.buf.length ? Buffer.concat([c.buf, d]) : d;
            if (c.done && drain(c)) c.done();
          });
          socket.once("error", reject);
        }),
    ),
  );
  let lastSlow = 0;
  let lastPersistence = 0;
  let parsed = 0;
  const tick = async () => {
    const now = Date.now();
    const plan: TInfoPlan = { slow: now - lastSlow >= opts.slowEveryMs, persistence: now - lastPersistence >= opts.persistenceEveryMs };
    if (plan.slow) lastSlow = now;
    if (plan.persistence) lastPersistence = now;
    const commands = infoCommands(plan);
    const payload = commands.map((c) => `*${c.length}\r\n${c.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`).join("");
    await Promise.all(
      conns.map(
        (c) =>
          new Promise<void>((resolve) => {
            c.texts = [];
            c.want = commands.length;
            c.done = () => {
              c.done = null;
              if (endFacts(parseInfoLean(c.texts)).masterOffset !== null) parsed++;
              resolve();
            };
            c.socket.write(payload);
          }),
      ),
    );
  };
  // Half an interval after the sampler's slots (multiples of intervalMs): ticking at the same
  // instant, the two would write to the same servers at once, and whichever came first would pay
  // for waking them (a loopback write runs the receiver's wake-up on the writer's CPU).
  const offsetMs = Number(process.env.BENCH_BARE_OFFSET_MS ?? opts.intervalMs / 2);
  const loop = () => setTimeout(() => void tick().then(loop), opts.intervalMs - ((Date.now() - offsetMs) % opts.intervalMs));
  loop();
  setInterval(() => process.stdout.write(`${JSON.stringify({ parsed })}\n`), 5_000).unref();
}
