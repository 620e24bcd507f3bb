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
/**
 * A transaction waits for its turn (the lock) inside its start, which Prisma bounds by maxWait
 * (2 s by default, enough in one SQLite process): a burst of requests across replicas queues
 * longer than that on a busy host, and waiting is the point of the lock, not an error.
 */
export const POSTGRES_TRANSACTION_MAX_WAIT_MS = 15_000;

export function postgresClient(url: string): PrismaClient {
  const adapter = oneTransactionAtATime(new PrismaPg({ connectionString: url, options: "-c TimeZone=UTC" }));
  return new PostgresPrismaClient({ adapter, transactionOptions: { maxWait: POSTGRES_TRANSACTION_MAX_WAIT_MS } }) as unknown as PrismaClient;
}
