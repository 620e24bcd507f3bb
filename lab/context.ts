import Redis from "ioredis";
import { CallLog } from "./call-log";
import { FaultStore } from "./faults";
import type { ParameterGroup } from "./elasticache/parameter-groups";
import type { ManagedTarget } from "./managed-target";
import type { Group, LabEvent, Snapshot } from "./elasticache/state";
import type { ServerlessCache } from "./elasticache/serverless-state";
import type { S3Store } from "./s3/store";

/** How long the lab's "cloud" takes for each transition, in ms (small in tests, longer in demo). */
export type LabDelays = { create: number; snapshot: number; modify: number; complete: number; delete: number };

export const TEST_DELAYS: LabDelays = { create: 50, snapshot: 50, modify: 50, complete: 50, delete: 20 };
export const DEMO_DELAYS: LabDelays = { create: 8000, snapshot: 5000, modify: 4000, complete: 3000, delete: 2000 };

/**
 * Everything the HTTP handlers share: the lab's state, its timers and its Redis clients.
 * One per running lab; nothing here is global so several labs can run in one process.
 */
export class LabContext {
  readonly faults = new FaultStore();
  readonly calls = new CallLog();
  readonly groups = new Map<string, Group>(); // key: `${accountId}/${groupId}`
  readonly snapshots = new Map<string, Snapshot>(); // key: `${accountId}/${snapshotName}`
  readonly parameterGroups = new Map<string, ParameterGroup>(); // key: `${accountId}/${name}`
  readonly managedTargets: ManagedTarget[] = [];
  readonly serverlessCaches = new Map<string, ServerlessCache>(); // key: `${accountId}/${name}`
  /** The lab's stand-in for Secrets Manager: secret ARN -> the source's AUTH (PrepareMigration reads it). */
  readonly secrets = new Map<string, { username?: string; password: string }>();
  readonly events: LabEvent[] = [];
  /** Run before a (non-forced) CompleteMigration promotes: the demo's "applications switch over". */
  readonly cutoverHooks: Array<(source: { address: string; port: number }) => Promise<void>> = [];
  /** The demo's "applications" by fixture name (self-managed name or group id): a test stops one as an operator would stop writers. */
  readonly writeLoads = new Map<string, { stop(): Promise<void> }>();
  private timers = new Set<NodeJS.Timeout>();
  private clients = new Map<number, Redis>();
  private stopped = false;

  constructor(
    readonly dir: string,
    readonly region: string,
    readonly delays: LabDelays,
    readonly s3: S3Store,
  ) {}

  /** Runs `fn` after `ms` unless the lab stops first; failures are logged, never thrown at a timer. */
  later(ms: number, fn: () => Promise<void> | void): void {
    const t = setTimeout(async () => {
      this.timers.delete(t);
      if (this.stopped) return;
      try {
        await fn();
      } catch (err) {
        if (!this.stopped) console.error("[lab] background step failed:", err);
      }
    }, ms);
    this.timers.add(t);
  }

  /** A shared ioredis client for a lab-owned node; short timeouts so a dead node fails fast. */
  redis(port: number): Redis {
    let c = this.clients.get(port);
    if (!c) {
      c = new Redis({ host: "127.0.0.1", port, lazyConnect: false, maxRetriesPerRequest: 1, connectTimeout: 2000, enableOfflineQueue: true });
      c.on("error", () => {}); // reported through command failures instead
      this.clients.set(port, c);
    }
    return c;
  }

  dropRedis(port: number): void {
    this.clients.get(port)?.disconnect();
    this.clients.delete(port);
  }

  event(e: Omit<LabEvent, "date">): void {
    this.events.push({ ...e, date: new Date() });
  }

  /** Set once every fixture is up: until then GET /_lab/health answers 503, so nobody starts early. */
  fixturesReady = false;

  get isStopped(): boolean {
    return this.stopped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.clients.values()) c.disconnect();
    this.clients.clear();
  }
}

export const groupKey = (accountId: string, id: string) => `${accountId}/${id}`;
