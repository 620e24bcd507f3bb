import "./use-test-db";
import { spawnSync } from "node:child_process";
import { Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { dialect } from "@/lib/db-dialect";

describe("the PostgreSQL schema", () => {
  it("is the SQLite schema's models, generated (edit prisma/schema.prisma, then `npm run db:schema`)", () => {
    const r = spawnSync("node", ["scripts/postgres-schema.mjs", "--check"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  // A model or field added without its PostgreSQL migration fails here, in the PostgreSQL pass.
  it.skipIf(dialect().name !== "postgresql")("its checked-in migrations create every model's table and column", async () => {
    const rows = await db.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
      // Cast: the adapter cannot read PostgreSQL's internal `name` type (prisma/orm#27403).
      `SELECT CAST(table_name AS TEXT) AS table_name, CAST(column_name AS TEXT) AS column_name FROM information_schema.columns WHERE table_schema = current_schema()`,
    );
    const have = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
    const want = Prisma.dmmf.datamodel.models.flatMap((m) => m.fields.filter((f) => f.kind !== "object").map((f) => `${m.dbName ?? m.name}.${f.dbName ?? f.name}`));
    expect(want.length).toBeGreaterThan(100);
    expect(want.filter((c) => !have.has(c))).toEqual([]);
  });
});
