import type { ReadOnlyRedis } from "../redis/read-only";
import type { ByteBudget } from "./byte-budget";
import type { LeanLink } from "./lean-link";
import type { TTargetWriter } from "./types";

/** Elements per HSCAN/SSCAN/ZSCAN/LRANGE/XRANGE chunk and bytes per GETRANGE window of a chunked copy. */
export const CHUNK_ELEMENTS = 1_000;
export const CHUNK_BYTES = 1024 * 1024;

/** Everything copying a key of one db needs; shared by the scan, the live apply and repairs. */
export type CopyContext = {
  db: number;
  /** Chunked reads and TTLs. */
  src: ReadOnlyRedis;
  /** Batched reads of the hot path. */
  lean: LeanLink;
  /** The db's one writing link (every write of the db, in order). */
  tgt: TTargetWriter;
  bigKeyBytes: number;
  /** false: every key is copied without a TTL, no PTTL read (a scan of a db without TTLs: ttl-free-db.ts). */
  readTtls: boolean;
  budget: ByteBudget;
  /** Shared across dbs: turned off once the source refuses MEMORY USAGE (sizes then come from lengths). */
  probe: { memory: boolean };
  mode(): "restore" | "type-level";
  /** RESTORE was refused (message given): true when falling back to type-level copy is allowed. */
  restoreRefused(message: string): boolean;
  /** An event arrived for the key since its read started: do not write what was read. */
  isStale(key: Buffer): boolean;
};

export type CopyResult = { copied: number; deleted: number; skipped: number; bytes: number };

export function emptyResult(): CopyResult {
  return { copied: 0, deleted: 0, skipped: 0, bytes: 0 };
}

export function addResult(into: CopyResult, r: CopyResult): CopyResult {
  into.copied += r.copied;
  into.deleted += r.deleted;
  into.skipped += r.skipped;
  into.bytes += r.bytes;
  return into;
}

/** RESTORE refusals that mean "use type-level copy" rather than "something is broken". */
export function isRestoreRefusal(message: string): boolean {
  return /DUMP payload version or checksum are wrong|unknown command|NOPERM|not allowed|restore.*(?:disabled|not supported)/i.test(message);
}
