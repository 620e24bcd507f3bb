import "server-only";
import type { PrismaClient } from "@prisma/client";
import { PrismaClient as PostgresPrismaClient } from ".prisma/client-pg";
import { PrismaPg } from "@prisma/adapter-pg";

/**
 * A client of the PostgreSQL schema (prisma/postgresql, generated from the same models), typed as
 * the SQLite one: the models and their fields are the same, so the rest of lib/ keeps one type.
 * Sessions run in UTC: DateTime columns are `timestamp without time zone` holding UTC.
 */
export function postgresClient(url: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, options: "-c TimeZone=UTC" });
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
}
