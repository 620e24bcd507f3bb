import "server-only";
import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { env } from "./env";
import { sqliteFilePath } from "./db-url";

function createClient() {
  const adapter = new PrismaBetterSQLite3({ url: sqliteFilePath(env().DATABASE_URL) });
  return new PrismaClient({ adapter });
}

// One client per process, also across Next.js dev reloads.
const globalForDb = globalThis as unknown as { ferryDb?: ReturnType<typeof createClient> };

export const db = globalForDb.ferryDb ?? (globalForDb.ferryDb = createClient());
