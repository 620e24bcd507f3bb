import type { RespEndpoint } from "./resp-connection";
import type { VerifyCheckpoint } from "./checkpoint";
import type { VerifyLiveness } from "./verify-liveness";

import type { KeyMismatch, KeyStatus } from "./key-status";

import type { TScanRange } from "./scan-range";
import type { VerifyLink } from "./verify-link";
export type { KeyMismatch, KeyStatus, MismatchStatus } from "./key-status";

/** full: byte-equal DUMP or type-level equality; length: type + element/byte counts; outline: type + existence. */
export type CompareMode = "full" | "length" | "outline";

/**
 * The least a caller's client must offer: ioredis `Redis` satisfies it, and so can the
 * read-only source guard. The engine only sends read commands through it (SCAN, DUMP, PTTL,
 * TYPE, MEMORY USAGE, EXISTS, STRLEN/HLEN/LLEN/SCARD/ZCARD/XLEN, GETRANGE, LRANGE, HSCAN, HMGET,
 * SSCAN, SMISMEMBER, ZSCAN, ZMSCORE, XRANGE, XINFO GROUPS, INFO keyspace, SELECT).
 */
export interface VerifyClient {
  pipeline(): VerifyPipeline;
}
export interface VerifyPipeline {
  callBuffer(command: string, ...args: (string | Buffer | number)[]): unknown;
  exec(): Promise<[Error | null, unknown][] | null>;
}

/** Either connection details (the engine opens its own lean sockets: the fast path) or a client. */
/** `readOnly` guards a lean socket with the source allow-list (lib/redis/read-only-allow-list.ts). */
export type VerifySide = { endpoint: RespEndpoint; readOnly?: boolean } | { client: VerifyClient };

export type VerifyProgress = {
  phase: "counts" | "scan" | "reverse" | "recheck" | "done";
  round: number;
  db: number;
  keysDone: number;
  /** From INFO keyspace of the side being scanned (source for scan, target for reverse, pending keys for recheck). */
  keysTotal: number;
  keysPerSec: number;
  etaSec: number | null;
  mismatchesSoFar: number;
};

export type CompareKeyspacesOptions = {
  source: VerifySide;
  target: VerifySide;
  /** Databases to compare; default: every db INFO keyspace lists on the source (and the target when reverse). */
  dbs?: number[];
  /** Only this slice of each db's SCAN cursor space (scan-range.ts), so workers can share a db. */
  range?: TScanRange;
  mode?: CompareMode;
  /** Two PTTL readings within this many ms are equal. Default 2000. */
  ttlToleranceMs?: number;
  /** Default 3: round 1 scans everything, later rounds re-check only what differed. */
  rounds?: number;
  /** Default 5000. */
  roundDelayMs?: number;
  /** Scan the target too, to find keys that exist only there (EXTRA). Default false. */
  reverse?: boolean;
  /** SCAN COUNT and keys per pipelined batch. Default 1000. */
  batchSize?: number;
  /** Batches in flight at once. Default 4. */
  pipelineDepth?: number;
  /** Keys whose MEMORY USAGE (or, where MEMORY is refused, STRLEN / element count x 64) exceeds this are compared in chunks instead of DUMPed. Default 1 MiB. */
  bigKeyBytes?: number;
  /** Elements per HSCAN/SSCAN/ZSCAN/LRANGE/XRANGE chunk, and bytes per GETRANGE window. */
  chunkElements?: number;
  chunkBytes?: number;
  /** Detailed mismatches kept in the result; the rest are counted (and still go to onMismatch). Default 1000. */
  maxMismatches?: number;
  /** Differing keys remembered for re-checking; beyond this, a difference is reported at once. Default 100,000. */
  maxRecheckKeys?: number;
  signal?: AbortSignal;
  onProgress?: (p: VerifyProgress) => void;
  progressIntervalMs?: number;
  /** Every final mismatch, in order, so the caller can persist all of them. */
  onMismatch?: (m: KeyMismatch) => void | Promise<void>;
  /** Resumable state, emitted at most every checkpointIntervalMs (default 2000) and at phase ends. */
  onCheckpoint?: (c: VerifyCheckpoint) => void | Promise<void>;
  checkpointIntervalMs?: number;
  resumeFrom?: VerifyCheckpoint;
  /**
   * Read batches with the read-only script (EVALSHA_RO, Redis 7+) where both servers run it.
   * Default false: on Redis 7.0 it costs the server more CPU per key than the pipelined commands
   * (bench/verify-costs.ts, 1M keys: 3.05 µs vs 2.63 µs for MEMORY USAGE + PTTL + DUMP; end to end
   * 139K vs 164K keys/s in bench/verify.ts --script 1|0), and each call holds the server for its
   * whole slice of keys.
   */
  scriptRead?: boolean;
  /** Cap on DUMP and value reply bytes held at once across batches. Default 64 MiB (MAX_BYTES_IN_FLIGHT). */
  maxBytesInFlight?: number;
  /** Longest wait for a reply from either end before the run fails naming it. Default 10 s (REPLY_TIMEOUT_MS). */
  replyTimeoutMs?: number;
  /**
   * Only keys this accepts are compared (forward) or looked up (reverse); the others are skipped
   * uncounted. The cluster layer (engine/cluster) passes the slots one node pair shares.
   */
  keyFilter?: (key: Buffer) => boolean;
  /**
   * Wraps each link the engine opens (both links of a side), e.g. the cluster layer's redirect
   * following on the target and its stop-at-a-moved-slot guard on the source. Closing the wrapper
   * must close the link.
   */
  wrapLink?: (link: VerifyLink, side: "source" | "target") => VerifyLink;
  /** Fed with how long the engine has been owed a reply, so a job can stop renewing its lease. */
  liveness?: VerifyLiveness;
};

export type DbCounts = {
  db: number;
  sourceKeys: number;
  sourceExpires: number;
  targetKeys: number;
  targetExpires: number;
  /** keys agree exactly */
  keysAgree: boolean;
  /** keys - expires agree: expiring keys may legitimately differ while writes are in flight */
  persistentAgree: boolean;
};

export type CompareKeyspacesResult = {
  mode: CompareMode;
  dbs: number[];
  counts: DbCounts[];
  totals: Record<KeyStatus, number>;
  mismatches: KeyMismatch[];
  /** All final mismatches, including those not kept in `mismatches`. */
  mismatchCount: number;
  truncated: boolean;
  /** Source keys compared (SCAN may return a key twice; counted twice). */
  keysCompared: number;
  /** Target keys checked for existence on the source by the reverse pass. */
  extraKeysScanned: number;
  /** Wall time, including the pauses between rounds. */
  durationMs: number;
  /** Time spent in the forward scan. */
  scanMs: number;
  /** Scan throughput: keysCompared / scanMs (never the wall time, which includes the pauses between rounds). */
  keysPerSec: number;
  roundsRun: number;
  /** Differences reported without re-checking because maxRecheckKeys was reached. */
  notRechecked: number;
  resumed: boolean;
  /** Most reply bytes (DUMP payloads, value reads) held at once; never above maxBytesInFlight unless one key alone is bigger. */
  peakBytesInFlight: number;
  /** The batches were read with the read-only script (false: pipelined commands, e.g. Redis 6 or scripting disabled). */
  scriptRead: boolean;
  /** CLIENT NO-TOUCH was on for the source's reads (its LRU/LFU clocks were left alone). */
  sourceNoTouch: boolean;
  /** Caveats an auditor must read with the result (e.g. no NO-TOUCH on the source). */
  notes: string[];
};
