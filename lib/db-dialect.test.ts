import { afterEach, describe, expect, it } from "vitest";
import { dialect, rawSql } from "./db-dialect";

describe("rawSql", () => {
  const saved = process.env.DATABASE_URL;
  afterEach(() => {
    process.env.DATABASE_URL = saved;
  });

  it("leaves SQL untouched on SQLite", () => {
    process.env.DATABASE_URL = "file:./x.db";
    const q = `SELECT migrationId FROM SamplerLease WHERE owner = ? AND until >= ?`;
    expect(rawSql(q)).toBe(q);
    expect(dialect().name).toBe("sqlite");
  });

  it("numbers placeholders and quotes model and field names on PostgreSQL, not literals or quoted names", () => {
    process.env.DATABASE_URL = "postgresql://ferry@127.0.0.1/ferry";
    expect(rawSql(`INSERT INTO SamplerLease (migrationId, owner, until) VALUES (?, ?, ?) ON CONFLICT (migrationId) DO UPDATE SET owner = excluded.owner WHERE SamplerLease.until < ?`)).toBe(
      `INSERT INTO "SamplerLease" ("migrationId", owner, until) VALUES ($1, $2, $3) ON CONFLICT ("migrationId") DO UPDATE SET owner = excluded.owner WHERE "SamplerLease".until < $4`,
    );
    expect(rawSql(`UPDATE "User" SET "role" = ? WHERE o."role" <> 'admin?' AND note = 'It''s lagMax'`)).toBe(
      `UPDATE "User" SET "role" = $1 WHERE o."role" <> 'admin?' AND note = 'It''s lagMax'`,
    );
    expect(rawSql(`SELECT COUNT(*) AS n, MIN(lagBytes) AS lagMin FROM Sample`)).toBe(`SELECT COUNT(*) AS n, MIN("lagBytes") AS "lagMin" FROM "Sample"`);
  });
});
