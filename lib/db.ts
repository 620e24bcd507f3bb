import "server-only";
import { PrismaClient } from "@prisma/client";
import { env } from "./env";
import { isPostgresUrl, sqliteFilePath } from "./db-url";
import { serializedSqliteAdapter } from "./sqlite/serialized-adapter";
import { postgresClient } from "./postgres/client";

function createClient(): PrismaClient {
  const url = env().DATABASE_URL;
  if (isPostgresUrl(url)) return postgresClient(url);
  return new PrismaClient({ adapter: serializedSqliteAdapter(sqliteFilePath(url)) });
}

// One client per process, also across Next.js dev reloads.
const globalForDb = globalThis as unknown as { ferryDb?: ReturnType<typeof createClient> };

export const db = globalForDb.ferryDb ?? (globalForDb.ferryDb = createClient());
