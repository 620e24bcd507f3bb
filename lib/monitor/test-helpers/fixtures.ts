import Database from "better-sqlite3";
import { db } from "../../db";
import { dialect, rawSql } from "../../db-dialect";
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
 * createMany takes ~13 s), in the same text format Prisma writes. On PostgreSQL, multi-row INSERTs.
 */
export async function insertSamplesFast(file: string, migrationId: string, rows: { atMs: number; s: TFakeSample }[]): Promise<void> {
  const b = (v: boolean | null | undefined) => (v === null || v === undefined ? null : v ? 1 : 0);
  const values = ({ atMs, s }: { atMs: number; s: TFakeSample }) => [migrationId, sqlTime(atMs), s.srcOffset ?? null, s.tgtOffset ?? null, s.lagBytes ?? null, b(s.linkUp), b(s.syncInProgress), s.srcKeys ?? null, s.tgtKeys ?? null, s.srcMemory ?? null, s.tgtMemory ?? null, b(s.srcUp ?? true), b(s.tgtUp ?? true)];
  const insert = `INSERT INTO Sample (migrationId, at, srcOffset, tgtOffset, lagBytes, linkUp, syncInProgress, srcKeys, tgtKeys, srcMemory, tgtMemory, srcUp, tgtUp) VALUES `;
  const tuple = `(${Array(13).fill("?").join(", ")})`;
  if (dialect().name === "postgresql") {
    for (let i = 0; i < rows.length; i += 2_000) {
      const chunk = rows.slice(i, i + 2_000);
      await db.$executeRawUnsafe(rawSql(insert + chunk.map(() => tuple).join(", ")), ...chunk.flatMap(values));
    }
    return;
  }
  const sqlite = new Database(file);
  const ins = sqlite.prepare(insert + tuple);
  sqlite.transaction(() => {
    for (const row of rows) ins.run(...values(row));
  })();
  sqlite.close();
}
