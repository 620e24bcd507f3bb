import Database from "better-sqlite3";
import { db } from "../../db";
import { writeMigrationOptions, type TMigrationOptionsPatch } from "../../migrations/migration-record";
import { sqlTime } from "../sql-time";

/** A migration between two self-managed endpoints (rows only; nothing is started). */
export async function createMigrationRow(opts: { name: string; source: { host: string; port: number }; target: { host: string; port: number }; state?: string; options?: TMigrationOptionsPatch; watchUntil?: Date }) {
  const [src, tgt] = await Promise.all(
    (["source", "target"] as const).map((side) =>
      db.endpoint.create({ data: { name: `${opts.name}-${side}`, kind: "self-managed", host: opts[side].host, port: opts[side].port } }),
    ),
  );
  return db.migration.create({
    data: {
      name: opts.name,
      strategy: "replicaof",
      sourceId: src.id,
      targetId: tgt.id,
      state: opts.state ?? "running",
      options: opts.options ? writeMigrationOptions(opts.options) : null,
      watchUntil: opts.watchUntil,
    },
  });
}

export type TFakeSample = Partial<{ srcOffset: number | null; tgtOffset: number | null; lagBytes: number | null; linkUp: boolean | null; srcKeys: number | null; tgtKeys: number | null; srcMemory: number | null; tgtMemory: number | null; srcUp: boolean; tgtUp: boolean; syncInProgress: boolean | null }>;

/**
 * Inserts many samples straight through SQLite (86,400 rows in well under a second; Prisma's
 * createMany takes ~13 s), in the same text format Prisma writes.
 */
export function insertSamplesFast(file: string, migrationId: string, rows: { atMs: number; s: TFakeSample }[]): void {
  const sqlite = new Database(file);
  const ins = sqlite.prepare(
    `INSERT INTO Sample (migrationId, at, srcOffset, tgtOffset, lagBytes, linkUp, syncInProgress, srcKeys, tgtKeys, srcMemory, tgtMemory, srcUp, tgtUp)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const b = (v: boolean | null | undefined) => (v === null || v === undefined ? null : v ? 1 : 0);
  sqlite.transaction(() => {
    for (const { atMs, s } of rows) {
      ins.run(migrationId, sqlTime(atMs), s.srcOffset ?? null, s.tgtOffset ?? null, s.lagBytes ?? null, b(s.linkUp), b(s.syncInProgress), s.srcKeys ?? null, s.tgtKeys ?? null, s.srcMemory ?? null, s.tgtMemory ?? null, b(s.srcUp ?? true), b(s.tgtUp ?? true));
    }
  })();
  sqlite.close();
}
