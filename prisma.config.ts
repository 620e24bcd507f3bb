import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { isPostgresUrl, sqliteFilePath } from "./lib/db-url";

// DATABASE_URL picks the database: a SQLite file (default) or PostgreSQL, whose schema is
// generated from prisma/schema.prisma (scripts/postgres-schema.mjs) and has its own migrations.
const url = process.env.DATABASE_URL;
const dir = isPostgresUrl(url) ? path.join("prisma", "postgresql") : "prisma";

// The JS schema engine (WASM) works offline; the classic engine would download a binary.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(dir, "schema.prisma"),
  migrations: { path: path.join(dir, "migrations") },
  async adapter() {
    if (isPostgresUrl(url)) return new PrismaPg({ connectionString: url });
    return new PrismaBetterSQLite3({ url: sqliteFilePath(url) });
  },
});
