import type { LabContext } from "../context";
import { allMembers } from "../elasticache/state";
import { computeMetrics, parseInfo, type InfoMap } from "./metrics";

export type Sample = { t: number; values: Record<string, number> };
type Series = { samples: Sample[]; prev?: { info: InfoMap; t: number } };

const MAX_SAMPLES = 5000;

/**
 * Samples INFO of every lab ElastiCache node each `periodMs` into a ring buffer per member
 * cluster, like CloudWatch's one sample per node per period (the lab may use periods < 60 s).
 */
export class MetricSampler {
  private series = new Map<string, Series>(); // key: `${accountId}/${cacheClusterId}`
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(private readonly ctx: LabContext, readonly periodMs: number) {}

  start(): void {
    this.timer = setInterval(() => void this.sampleNow(), this.periodMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Takes one sample of every node now (also used by tests that cannot wait a period). */
  async sampleNow(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const nodes = [...this.ctx.groups.values()]
        .filter((g) => g.status !== "creating" && g.status !== "deleting")
        .flatMap((g) => allMembers(g).map((m) => ({ g, m })));
      await Promise.all(
        nodes.map(async ({ g, m }) => {
          const text = await this.ctx.redis(m.redis.port).info("everything").catch(() => undefined);
          if (!text) return;
          const t = Date.now();
          const info = parseInfo(text);
          const key = `${g.account.accountId}/${m.clusterId}`;
          const s = this.series.get(key) ?? { samples: [] };
          s.samples.push({ t, values: computeMetrics(info, s.prev, t, g.nodeType) });
          if (s.samples.length > MAX_SAMPLES) s.samples.splice(0, s.samples.length - MAX_SAMPLES);
          s.prev = { info, t };
          this.series.set(key, s);
        }),
      );
    } finally {
      this.busy = false;
    }
  }

  samples(accountId: string, clusterId: string): Sample[] {
    return this.series.get(`${accountId}/${clusterId}`)?.samples ?? [];
  }
}
