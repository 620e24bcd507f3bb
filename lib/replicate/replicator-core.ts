import "server-only";
import type { ReadOnlyRedis } from "../redis/read-only";
import { ByteBudget } from "./byte-budget";
import type { CopyContext, CopyResult } from "./copy-context";
import { KeyQueue, type ScanWatch } from "./key-queue";
import { KeyspaceSubscriber } from "./keyspace-subscriber";
import { LeanLink } from "./lean-link";
import { openSourceReader } from "./open-clients";
import { RateMeter } from "./rate-meter";
import { isTempKey } from "./temp-key-name";
import type { TCreateReplicatorOptions, TReplicationCheckpoint, TReplicationEventKind, TReplicationOptions, TReplicationStats, TRepairResult, TTargetWriter } from "./types";

/** Shared state of one replicator: connections, queue, checkpoint, counters. The loops live in their own files. */
export class ReplicatorCore {
  readonly options: TReplicationOptions;
  readonly queue = new KeyQueue();
  readonly budget: ByteBudget;
  readonly probe = { memory: true };
  readonly cp: TReplicationCheckpoint;
  readonly resumed: boolean;
  readonly subscriber: KeyspaceSubscriber;
  readonly applied = new RateMeter();
  stopped = false;
  /** Aborts a running repair's comparison when the replicator stops. */
  readonly abort = new AbortController();
  mode: "restore" | "type-level";
  /** Raised by every loss signal; a repair clears needsRepair only if none arrived while it ran. */
  lossGeneration = 0;
  subscribed = false;
  reconnects = 0;
  repairs = 0;
  repairing: Promise<TRepairResult> | null = null;
  lastRepair?: TReplicationStats["lastRepair"];
  sourceKeys = 0;
  sourceWritesPerSec?: number;
  copyStartedAt = Date.now();
  copyEndedAt: number | null = null;
  keysCopiedThisRun = 0;
  private readonly readers = new Map<number, ReadOnlyRedis>();
  private readonly writers = new Map<number, TTargetWriter>();
  private readonly leans = new Map<number, LeanLink>();
  private readonly scanLinks = new Map<number, LeanLink>();
  private checkpointChain: Promise<void> = Promise.resolve();
  private checkpointQueued = false;

  constructor(readonly o: TCreateReplicatorOptions) {
    this.options = o.options;
    this.budget = new ByteBudget(o.options.maxBytesInFlight);
    this.mode = o.options.copyMode === "type-level" ? "type-level" : "restore";
    this.resumed = Boolean(o.checkpoint);
    this.cp = o.checkpoint
      ? structuredClone(o.checkpoint)
      : { phase: "initial-copy", dbs: {}, keysCopied: 0, bytesCopied: 0, needsRepair: false };
    for (const db of o.options.dbs) {
      this.readers.set(db, openSourceReader(o.source, db));
      this.writers.set(db, o.targetLink?.(db) ?? new LeanLink(o.target, db, "target"));
      this.leans.set(db, new LeanLink(o.source, db, "source"));
      this.scanLinks.set(db, new LeanLink(o.source, db, "source"));
    }
    this.subscriber = new KeyspaceSubscriber(o.source, o.options.dbs, {
      onKey: (db, key) => {
        if (!isTempKey(key)) this.queue.push(db, key);
      },
      onSubscribed: (first) => {
        this.subscribed = true;
        if (first) return this.emit("subscribed", `listening to keyspace events of db ${o.options.dbs.join(", ")} on ${o.source.label}`);
        this.reconnects++;
        this.emit("reconnect", `keyspace subscriber reconnected to ${o.source.label}; a repair pass will recover the events missed meanwhile`);
      },
      onLost: () => {
        this.subscribed = false;
        this.markLoss("subscriber-killed", `the keyspace subscriber's connection to ${o.source.label} closed (CLIENT KILL, output-buffer limit or network): events published until it reconnects are lost`);
      },
    });
  }

  async connect(): Promise<void> {
    await Promise.all([...this.readers.values()].map((c) => c.connect()));
    // Fail at start, not mid-copy, when an end is unreachable or refuses the credentials.
    await Promise.all([...this.writers.values(), ...this.leans.values()].map((l) => l.send([["PING"]])));
  }

  src(db: number): ReadOnlyRedis {
    return this.readers.get(db)!;
  }

  /**
   * The initial copy's SCANs, on their own connection: behind the reads of the batches in flight
   * on the db's lean link, the next cursor would arrive only after all of them, and the scan would
   * pace the whole pipeline.
   */
  scanLink(db: number): LeanLink {
    return this.scanLinks.get(db)!;
  }

  /** `watch`: a scan batch's (its reads can be overtaken by events); null for live applies. */
  copyContext(db: number, watch: ScanWatch | null): CopyContext {
    return {
      db,
      src: this.readers.get(db)!,
      lean: this.leans.get(db)!,
      tgt: this.writers.get(db)!,
      bigKeyBytes: this.options.bigKeyBytes,
      readTtls: true,
      budget: this.budget,
      probe: this.probe,
      mode: () => this.mode,
      restoreRefused: (message) => this.restoreRefused(message),
      // Live applies own their keys exclusively (KeyQueue.take); only scan reads can be overtaken.
      isStale: watch ? (key) => this.queue.isStale(watch, key) : () => false,
    };
  }

  private restoreRefused(message: string): boolean {
    if (this.options.copyMode === "restore") return false;
    if (this.mode === "restore") {
      this.mode = "type-level";
      this.emit("copy-mode-fallback", `the target refused RESTORE (${message.slice(0, 120)}); copying type by type from now on`);
    }
    return true;
  }

  markLoss(kind: TReplicationEventKind, message: string): void {
    this.lossGeneration++;
    this.cp.needsRepair = true;
    this.emit(kind, message);
    void this.saveCheckpoint();
  }

  recordCopied(r: CopyResult): void {
    this.cp.keysCopied += r.copied + r.deleted;
    this.cp.bytesCopied += r.bytes;
    this.keysCopiedThisRun += r.copied + r.deleted;
  }

  recordApplied(r: CopyResult): void {
    this.applied.add(r.copied + r.deleted + r.skipped);
  }

  emit(kind: TReplicationEventKind, message: string, detail?: Record<string, unknown>): void {
    try {
      this.o.onEvent({ kind, message, at: new Date().toISOString(), detail });
    } catch {
      // a listener's failure must not stop replication
    }
  }

  /**
   * Checkpoints are saved one at a time, in order. A save asked for while another runs is merged
   * into the next one, which snapshots the state when it starts: every state of `cp` is a valid
   * resume point (cursors only move past batches that landed), so a later snapshot is as good and
   * a slow store costs fewer writes instead of holding the copy back.
   */
  saveCheckpoint(): Promise<void> {
    if (this.checkpointQueued) return this.checkpointChain;
    this.checkpointQueued = true;
    this.checkpointChain = this.checkpointChain
      .then(() => {
        this.checkpointQueued = false;
        return this.o.onCheckpoint(structuredClone(this.cp));
      })
      .catch((err) => {
        this.emit("error", `saving the replication checkpoint failed: ${(err as Error).message}`);
      });
    return this.checkpointChain;
  }

  get scanDone(): boolean {
    return this.options.dbs.every((db) => this.cp.dbs[String(db)]?.scanDone);
  }

  closeAll(): void {
    this.subscriber.stop();
    for (const l of [...this.leans.values(), ...this.scanLinks.values(), ...this.writers.values()]) l.close();
    for (const c of this.readers.values()) c.disconnect();
  }
}
