// Applies prisma/postgresql/migrations to a PostgreSQL database, recording them in Prisma's own
// `_prisma_migrations` table (same columns, same sha-256 checksums, same advisory lock), so
// `prisma migrate deploy` and this runner agree. Why not `prisma migrate deploy`: with the JS
// schema engine over @prisma/adapter-pg it fails on PostgreSQL's `name` type (prisma/orm#27403).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

// The lock key Prisma Migrate takes, so replicas starting at once (or a concurrent Prisma Migrate) take turns.
const PRISMA_MIGRATE_LOCK = 72707369;

/** Applies what is not applied yet; returns { found, applied }. Throws on a failed or edited migration. */
export async function migratePostgres(url, dir = path.resolve("prisma", "postgresql", "migrations")) {
  const names = fs.readdirSync(dir).filter((n) => /^\d/.test(n) && fs.existsSync(path.join(dir, n, "migration.sql"))).sort();
  const client = new pg.Client({ connectionString: url, options: "-c TimeZone=UTC" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`);
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    let applied = 0;
    for (const name of names) {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = crypto.createHash("sha256").update(sql).digest("hex");
      const row = done.get(name);
      if (row && !row.finished_at) throw new Error(`migration ${name} failed earlier; repair the database, then mark it rolled back`);
      if (row && row.checksum !== checksum) throw new Error(`migration ${name} was edited after it was applied`);
      if (row) continue;
      // DDL is transactional in PostgreSQL: a migration is applied whole or not at all.
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), now(), 1)`,
          [crypto.randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${name} failed: ${err.message}`);
      }
      applied++;
    }
    return { found: names.length, applied };
  } finally {
    await client.end();
  }
}
