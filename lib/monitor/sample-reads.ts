import "server-only";
import { db } from "../db";
import { rawSql } from "../db-dialect";
import type { TSampledGateRow } from "./judge-sampled-gate";
import { sqlTime } from "./sql-time";

/**
 * Reads of stored samples that several services share, always through the view SampleAll (a
 * sample lies in SampleHot for its first minute or two, then in Sample). Raw SQL hands back what
 * each database stores: DateTime as text on SQLite and Date on PostgreSQL, Boolean as 0/1 or
 * true/false; rows are made whole here.
 */
export type TRawFlag = boolean | number | null;
export const flagOf = (v: TRawFlag): boolean | null => (v === null ? null : !!v);

export type TLatestSampleRow = {
  at: Date;
  srcOffset: number | null;
  tgtOffset: number | null;
  lagBytes: number | null;
  linkUp: boolean | null;
  srcKeys: number | null;
  tgtKeys: number | null;
  srcMemory: number | null;
  tgtMemory: number | null;
  srcUp: boolean;
  tgtUp: boolean;
  repl: string | null;
  shards: string | null;
};
type TRawLatest = Omit<TLatestSampleRow, "at" | "linkUp" | "srcUp" | "tgtUp"> & { at: Date | string; linkUp: TRawFlag; srcUp: TRawFlag; tgtUp: TRawFlag };

/** A migration's latest sample, or null before its first. */
export async function readLatestSample(migrationId: string): Promise<TLatestSampleRow | null> {
  const [r] = await db.$queryRawUnsafe<TRawLatest[]>(
    rawSql(`SELECT at, srcOffset, tgtOffset, lagBytes, linkUp, srcKeys, tgtKeys, srcMemory, tgtMemory, srcUp, tgtUp, repl, shards
      FROM SampleAll WHERE migrationId = ? ORDER BY at DESC LIMIT 1`),
    migrationId,
  );
  return r ? { ...r, at: new Date(r.at), linkUp: flagOf(r.linkUp), srcUp: !!r.srcUp, tgtUp: !!r.tgtUp } : null;
}

type TRawGate = Omit<TSampledGateRow, "at" | "linkUp" | "syncInProgress" | "srcUp" | "tgtUp"> & {
  at: Date | string; linkUp: TRawFlag; syncInProgress: TRawFlag; srcUp: TRawFlag; tgtUp: TRawFlag;
};

/** What the cutover gate reads: a migration's samples since fromMs, oldest first. */
export async function readGateSamples(migrationId: string, fromMs: number): Promise<TSampledGateRow[]> {
  const rows = await db.$queryRawUnsafe<TRawGate[]>(
    rawSql(`SELECT at, lagBytes, linkUp, syncInProgress, srcKeys, tgtKeys, srcUp, tgtUp, shards, repl
      FROM SampleAll WHERE migrationId = ? AND at >= ? ORDER BY at ASC`),
    migrationId, sqlTime(fromMs),
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at), linkUp: flagOf(r.linkUp), syncInProgress: flagOf(r.syncInProgress), srcUp: !!r.srcUp, tgtUp: !!r.tgtUp }));
}
