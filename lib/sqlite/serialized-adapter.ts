import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapterFactory } from "@prisma/client/runtime/client";
import { retryWhileBusy, SQLITE_BUSY_WAIT_MS } from "./retry-while-busy";

type TAdapter = Awaited<ReturnType<SqlDriverAdapterFactory["connect"]>>;
type TTransaction = Awaited<ReturnType<TAdapter["startTransaction"]>>;
type TQuery = Parameters<TAdapter["queryRaw"]>[0];

const statement = (sql: string): TQuery => ({ sql, args: [], argTypes: [] });

/** A FIFO lock: whoever holds it is the only user of the one SQLite connection. */
class ConnectionLock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const granted = this.tail.then(() => release);
    this.tail = this.tail.then(() => done);
    return granted;
  }

  async exclusive<T>(run: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await run();
    } finally {
      release();
    }
  }
}

/**
 * The Prisma better-sqlite3 adapter shares one connection between everything and only makes
 * transactions wait for one another: a plain write issued while a transaction is open runs
 * inside it and vanishes if that transaction rolls back. Here every statement outside a
 * transaction waits for the open one to end, so each transaction sees only its own writes and a
 * write that returned is committed. Transactions start with BEGIN IMMEDIATE (the write lock up
 * front) so that, in WAL mode beside another process, nothing inside them can meet a lock.
 */
export function serializedSqliteAdapter(file: string): SqlDriverAdapterFactory {
  const inner = new PrismaBetterSQLite3({ url: file, timeout: SQLITE_BUSY_WAIT_MS });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const conn = await inner.connect();
      // WAL: readers never wait for the other process's writer, and a writer waits only for a writer.
      await retryWhileBusy(() => conn.queryRaw(statement("PRAGMA journal_mode = WAL")));
      return serialize(conn);
    },
  };
}

function serialize(conn: TAdapter): TAdapter {
  const lock = new ConnectionLock();
  const run = <T>(op: () => Promise<T>) => lock.exclusive(() => retryWhileBusy(op));
  return {
    provider: conn.provider,
    adapterName: conn.adapterName,
    queryRaw: (q) => run(() => conn.queryRaw(q)),
    executeRaw: (q) => run(() => conn.executeRaw(q)),
    executeScript: (script) => lock.exclusive(() => conn.executeScript(script)),
    getConnectionInfo: conn.getConnectionInfo?.bind(conn),
    dispose: () => lock.exclusive(() => conn.dispose()),
    async startTransaction(isolationLevel) {
      if (isolationLevel && isolationLevel !== "SERIALIZABLE") throw new Error(`SQLite transactions are SERIALIZABLE, not ${isolationLevel}`);
      const release = await lock.acquire();
      try {
        await retryWhileBusy(() => conn.executeRaw(statement("BEGIN IMMEDIATE")));
      } catch (err) {
        release();
        throw err;
      }
      return transactionOn(conn, release);
    },
  };
}

function transactionOn(conn: TAdapter, release: () => void): TTransaction {
  let open = true;
  const end = async (sql: "COMMIT" | "ROLLBACK") => {
    if (!open) return;
    open = false;
    try {
      await retryWhileBusy(() => conn.executeRaw(statement(sql)));
    } catch (err) {
      // Never hand the connection on with a transaction still open (others' writes would join it).
      await conn.executeRaw(statement("ROLLBACK")).catch(() => undefined);
      throw err;
    } finally {
      release();
    }
  };
  // After the end, a late statement would run outside the transaction and outside the lock.
  const inside = <T>(op: () => Promise<T>) => (open ? op() : Promise.reject(new Error("The transaction has already ended.")));
  return {
    provider: conn.provider,
    adapterName: conn.adapterName,
    // Prisma then calls commit()/rollback() instead of sending COMMIT itself, so the lock is
    // released even when COMMIT fails.
    options: { usePhantomQuery: true },
    queryRaw: (q) => retryWhileBusy(() => inside(() => conn.queryRaw(q))),
    executeRaw: (q) => retryWhileBusy(() => inside(() => conn.executeRaw(q))),
    commit: () => end("COMMIT"),
    rollback: () => end("ROLLBACK"),
  };
}
