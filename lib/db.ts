import "server-only";
import { PrismaClient } from "@prisma/client";
import { env } from "./env";
import { sqliteFilePath } from "./db-url";
import { serializedSqliteAdapter } from "./sqlite/serialized-adapter";

function createClient() {
  return new PrismaClient({ adapter: serializedSqliteAdapter(sqliteFilePath(env().DATABASE_URL)) });
}

// One client per process, also across Next.js dev reloads.
const globalForDb = globalThis as unknown as { ferryDb?: ReturnType<typeof createClient> };

export const db = globalForDb.ferryDb ?? (globalForDb.ferryDb = createClient());
