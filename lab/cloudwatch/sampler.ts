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
      await this.sampleServerless();
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

  /**
   * Serverless caches report per cache (dimension clusterId = the cache name). The lab reads its
   * node: ElastiCacheProcessingUnits is approximated as commands processed in the period (AWS
   * charges 1 ECPU per simple command per KB).
   */
  private async sampleServerless(): Promise<void> {
    for (const c of this.ctx.serverlessCaches.values()) {
      if (!c.node || c.status !== "available") continue;
      const text = await this.ctx.redis(c.node.port).info("everything").catch(() => undefined);
      if (!text) continue;
      const info = parseInfo(text);
      const key = `${c.account.accountId}/serverless:${c.name}`;
      const s = this.series.get(key) ?? { samples: [] };
      const commands = Number(info.total_commands_processed ?? 0);
      const prev = Number(s.prev?.info.total_commands_processed ?? commands);
      const all = computeMetrics(info, s.prev, Date.now(), "serverless");
      s.samples.push({ t: Date.now(), values: { CurrItems: all.CurrItems, BytesUsedForCache: all.BytesUsedForCache, ElastiCacheProcessingUnits: Math.max(0, commands - prev) } });
      if (s.samples.length > MAX_SAMPLES) s.samples.splice(0, s.samples.length - MAX_SAMPLES);
      s.prev = { info, t: Date.now() };
      this.series.set(key, s);
    }
  }

  samples(accountId: string, clusterId: string): Sample[] {
    return this.series.get(`${accountId}/${clusterId}`)?.samples ?? [];
  }
}
