import "server-only";
import { samplerExec, samplerQuery } from "./direct-sqlite";
import { sqlTime } from "./sql-time";

export type TLeaseRound = {
  /** This sampler process (random per process). */
  owner: string;
  /** Migrations that should be sampled now, by someone. */
  wanted: string[];
  nowMs: number;
  /** A lease or heartbeat not renewed within this long is free for another process. */
  ttlMs: number;
};

/**
 * One round of the lease protocol, run by every sampler at each refresh: heartbeat, renew what
 * it holds, give back what exceeds its fair share (wanted / live samplers, rounded up), and
 * take free or expired leases up to that share. Each claim is one conditional upsert, so two
 * processes can never both hold a migration. Returns the migrations this process samples.
 */
export async function claimSamplerLeases(r: TLeaseRound): Promise<Set<string>> {
  const now = sqlTime(r.nowMs);
  const until = sqlTime(r.nowMs + r.ttlMs);
  await samplerExec(`INSERT INTO SamplerWorker (id, until) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET until = excluded.until`, r.owner, until);
  await samplerExec(`DELETE FROM SamplerWorker WHERE until < ?`, now);
  const [{ n }] = await samplerQuery<{ n: number | bigint }>(`SELECT COUNT(*) AS n FROM SamplerWorker`);
  const share = Math.ceil(r.wanted.length / Math.max(1, Number(n)));
  const wanted = new Set(r.wanted);

  const heldRows = await samplerQuery<{ migrationId: string }>(`SELECT migrationId FROM SamplerLease WHERE owner = ? AND until >= ? ORDER BY migrationId`, r.owner, now);
  const held = heldRows.map((h) => h.migrationId).filter((id) => wanted.has(id));
  // Not wanted any more (finished) or beyond the share: handed back now, not at expiry.
  const giveBack = [...heldRows.map((h) => h.migrationId).filter((id) => !wanted.has(id)), ...held.slice(share)];
  const keep = held.slice(0, share);
  if (giveBack.length) await samplerExec(`DELETE FROM SamplerLease WHERE owner = ? AND migrationId IN (${giveBack.map(() => "?").join(", ")})`, r.owner, ...giveBack);
  if (keep.length) await samplerExec(`UPDATE SamplerLease SET until = ? WHERE owner = ? AND migrationId IN (${keep.map(() => "?").join(", ")})`, until, r.owner, ...keep);

  const mine = new Set(keep);
  if (mine.size < share) {
    const taken = new Set((await samplerQuery<{ migrationId: string }>(`SELECT migrationId FROM SamplerLease WHERE until >= ?`, now)).map((t) => t.migrationId));
    for (const id of r.wanted) {
      if (mine.size >= share) break;
      if (taken.has(id)) continue;
      // Takes the lease only if it is absent or expired; a concurrent claimer's upsert loses.
      const won = await samplerExec(`INSERT INTO SamplerLease (migrationId, owner, until) VALUES (?, ?, ?)
         ON CONFLICT (migrationId) DO UPDATE SET owner = excluded.owner, until = excluded.until WHERE SamplerLease.until < ?`,
        id, r.owner, until, now,
      );
      if (won > 0) mine.add(id);
    }
  }
  return mine;
}

/** Gives back every lease of a stopping sampler and its heartbeat, so others take over at once. */
export async function releaseSamplerLeases(owner: string): Promise<void> {
  await samplerExec(`DELETE FROM SamplerLease WHERE owner = ?`, owner);
  await samplerExec(`DELETE FROM SamplerWorker WHERE id = ?`, owner);
}
