/**
 * The sampler's reading layer alone, for bench/monitor.ts: one EndReader (lib/monitor/end-reader.ts,
 * the connection and INFO path the sampler uses) per endpoint, the same plan on the same schedule
 * as the sampler, every end read each tick under one shared deadline, nothing built or stored.
 * Measured beside the bare child and the whole sampler, it splits the sampler's ratio into what
 * reading through Ferry's connection layer costs and what sampling adds on top (rows, storage,
 * gate judgments, leases, the heap they keep).
 */
import { EndReader } from "../lib/monitor/end-reader";
import { readTimeoutFor } from "../lib/monitor/sampler";

export function runReadsOnly(ports: number[], opts: { intervalMs: number; slowEveryMs: number; persistenceEveryMs: number; offsetMs: number }): void {
  const timeoutMs = readTimeoutFor(opts.intervalMs);
  const readers = ports.map((port, i) => new EndReader({ locate: async () => ({ host: "127.0.0.1", port }), connectionName: `ferry-bench-reads-${i}`, timeoutMs }));
  let lastSlow = 0;
  let lastPersistence = 0;
  let read = 0;
  const tick = async () => {
    const now = Date.now();
    const plan = { slow: now - lastSlow >= opts.slowEveryMs, persistence: now - lastPersistence >= opts.persistenceEveryMs };
    if (plan.slow) lastSlow = now;
    if (plan.persistence) lastPersistence = now;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
    const facts = await Promise.all(readers.map((r) => r.read(plan, deadline))).finally(() => clearTimeout(timer));
    read += facts.filter((f) => f?.masterOffset != null).length;
  };
  const loop = () => setTimeout(() => void tick().then(loop), opts.intervalMs - ((Date.now() - opts.offsetMs) % opts.intervalMs));
  loop();
  setInterval(() => process.stdout.write(`${JSON.stringify({ read })}\n`), 5_000).unref();
}
