import "server-only";
import type { PrismaClient } from "@prisma/client";
import { PrismaClient as PostgresPrismaClient } from ".prisma/client-pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { oneTransactionAtATime } from "./one-transaction-at-a-time";

/**
 * A client of the PostgreSQL schema (prisma/postgresql, generated from the same models), typed as
 * the SQLite one: the models and their fields are the same, so the rest of lib/ keeps one type.
 * Sessions run in UTC: DateTime columns are `timestamp without time zone` holding UTC.
 * Transactions run one at a time across processes, as on SQLite (see oneTransactionAtATime).
 */
export function postgresClient(url: string): PrismaClient {
  const adapter = oneTransactionAtATime(new PrismaPg({ connectionString: url, options: "-c TimeZone=UTC" }));
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
}
