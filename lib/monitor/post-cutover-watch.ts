import "server-only";
import { db } from "../db";
import { recordEvent } from "../events/record-event";
import { resolveEndpoint } from "../endpoints/resolve-endpoint";
import type { ReadOnlyRedis } from "../redis/read-only";
import { writeCallsByCommand } from "../redis/write-commands";
import type { TSampleInput } from "./build-sample";
import { judgePostCutover, type TAnomalyKind } from "./post-cutover-anomalies";

type TWatchState = { sourceId: string; active: Set<string>; client: ReadOnlyRedis | null; lastWrites: Map<string, number> | null; lastReadAt: number; maxKeys: number | null };

/** Which anomalies are still open for a migration, from its events since cutover (a sampler may take over from another). */
async function openAnomalies(migrationId: string, since: Date | null): Promise<Set<string>> {
  const rows = await db.event.findMany({
    where: { migrationId, at: { gte: since ?? new Date(0) }, OR: [{ type: { startsWith: "anomaly." } }, { type: "post_cutover.cleared" }] },
    orderBy: { at: "asc" },
    select: { type: true, data: true },
  });
  const open = new Set<string>();
  for (const r of rows) {
    if (r.type === "post_cutover.cleared") open.delete(String((JSON.parse(r.data ?? "{}") as { kind?: string }).kind));
    else open.add(r.type.slice("anomaly.".length));
  }
  return open;
}

/**
 * The post-cutover watch of the migrations one sampler holds (completed, watchUntil ahead): at each
 * watch sample, judges the new primary's sample, the old source's write counts (its own read-only
 * connection, INFO commandstats only) and the reverse replication, and records anomaly.<kind> once
 * while a kind is seen, post_cutover.cleared once it is not any more.
 */
export class PostCutoverWatch {
  private readonly states = new Map<string, TWatchState>();

  async check(m: { migrationId: string; replicate: boolean }, sample: TSampleInput | null, now: number): Promise<TAnomalyKind[]> {
    let st = this.states.get(m.migrationId);
    if (!st) {
      // Read once per migration: a completed migration's source and cutover time do not change.
      const row = await db.migration.findUnique({ where: { id: m.migrationId }, select: { sourceId: true, cutoverAt: true } });
      if (!row) return [];
      st = { sourceId: row.sourceId, active: await openAnomalies(m.migrationId, row.cutoverAt), client: null, lastWrites: null, lastReadAt: now, maxKeys: null };
      this.states.set(m.migrationId, st);
    }
    const writes = await this.oldSourceWrites(st, st.sourceId, now);
    if (sample?.tgtUp && sample.tgtKeys !== null) st.maxKeys = Math.max(st.maxKeys ?? 0, sample.tgtKeys);
    const reverseRunning = m.replicate && (await db.replication.count({ where: { migrationId: m.migrationId, direction: "reverse", status: "running" } })) > 0;
    const findings = judgePostCutover({ sample, oldSourceWrites: writes.list, windowSeconds: writes.seconds, maxTargetKeys: st.maxKeys, reverseRunning });
    const recorded: TAnomalyKind[] = [];
    for (const f of findings) {
      if (f.seen && !st.active.has(f.kind)) {
        await recordEvent({ type: `anomaly.${f.kind}`, level: "warn", migrationId: m.migrationId, message: f.message, data: f.data });
        st.active.add(f.kind);
        recorded.push(f.kind);
      } else if (!f.seen && st.active.has(f.kind)) {
        await recordEvent({ type: "post_cutover.cleared", migrationId: m.migrationId, message: `No longer seen after cutover: ${f.kind.replaceAll("_", " ")}.`, data: { kind: f.kind } });
        st.active.delete(f.kind);
      }
    }
    return recorded;
  }

  /** Write calls on the old source since the previous reading; null on the first one or when it cannot be read. */
  private async oldSourceWrites(st: TWatchState, sourceId: string, now: number): Promise<{ list: { command: string; calls: number }[] | null; seconds: number }> {
    const seconds = Math.max(1, Math.round((now - st.lastReadAt) / 1000));
    try {
      if (!st.client) {
        const source = await resolveEndpoint(sourceId);
        // ioredis is loaded with the first watch window, not by every process that samples.
        const { connectRedis } = await import("../redis/connect");
        st.client = await connectRedis(source.redis, { role: "source", connectionName: "ferry-old-source-watch", timeouts: { connectMs: 2_000, commandMs: 3_000, maxRetriesPerRequest: 0, maxReconnects: 3 } });
      }
      const calls = writeCallsByCommand(String(await st.client.info("commandstats")));
      const before = st.lastWrites;
      st.lastWrites = calls;
      st.lastReadAt = now;
      if (!before) return { list: null, seconds };
      const list = [...calls].map(([command, n]) => ({ command, calls: n - (before.get(command) ?? 0) })).filter((w) => w.calls > 0).sort((a, b) => b.calls - a.calls);
      return { list, seconds };
    } catch {
      // A decommissioned old source is the expected end of a migration, not an anomaly.
      st.client?.disconnect();
      st.client = null;
      st.lastWrites = null;
      return { list: null, seconds };
    }
  }

  /** Forgets migrations no longer watched by this sampler and closes their connections. */
  retain(ids: ReadonlySet<string>): void {
    for (const [id, st] of this.states) {
      if (ids.has(id)) continue;
      st.client?.disconnect();
      this.states.delete(id);
    }
  }

  close(): void {
    this.retain(new Set());
  }
}
