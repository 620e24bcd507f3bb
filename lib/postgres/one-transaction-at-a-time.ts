import type { SqlDriverAdapterFactory } from "@prisma/client/runtime/client";

/** The advisory lock every Ferry transaction takes (any constant; it names Ferry's lock). */
export const FERRY_TRANSACTION_LOCK = 0x46455252; // "FERR"

/**
 * PostgreSQL's counterpart of the SQLite adapter's BEGIN IMMEDIATE: every interactive
 * transaction first takes one transaction-scoped advisory lock, so transactions of all Ferry
 * processes run one at a time, each seeing every earlier one's commit (READ COMMITTED after the
 * lock). Ferry's transactions read then write (one active verification per migration, one
 * runner intent...), which SQLite makes safe by serializing them; this keeps that guarantee on
 * PostgreSQL without serialization failures that every caller would have to retry. Statements
 * outside transactions are not held back: each is atomic with row locks.
 */
export function oneTransactionAtATime(inner: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const conn = await inner.connect();
      const startTransaction = conn.startTransaction.bind(conn);
      conn.startTransaction = async (isolationLevel) => {
        const tx = await startTransaction(isolationLevel);
        try {
          // executeRaw: the lock function returns `void`, a column type the adapter cannot read.
          await tx.executeRaw({ sql: `SELECT pg_advisory_xact_lock(${FERRY_TRANSACTION_LOCK})`, args: [], argTypes: [] });
        } catch (err) {
          await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => undefined);
          await tx.rollback();
          throw err;
        }
        return tx;
      };
      return conn;
    },
  };
}
