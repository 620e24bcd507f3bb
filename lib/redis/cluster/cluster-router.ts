import "server-only";
import type { Redis } from "ioredis";
import { AppError } from "../../errors";
import { connectRedis, type OpenRedisOptions } from "../connect";
import { describeEndpoint, type RedisRole, type TRedisEndpoint } from "../endpoint";
import { clusterNodeEndpoint } from "./cluster-node-endpoint";
import type { TClusterNode, TClusterTopology } from "./cluster-types";
import { CLUSTER_SLOT_COUNT, keySlot } from "./key-slot";
import { readClusterTopology } from "./read-cluster-topology";

export type ClusterRouterOptions = {
  /** Any node, or an ElastiCache configuration endpoint; TLS, credentials and timeouts apply to every node. */
  seed: TRedisEndpoint;
  /** A source router hands out only read-only clients (lib/redis/read-only.ts), ASKING included. */
  role: RedisRole;
  timeouts?: OpenRedisOptions<RedisRole>["timeouts"];
  connectionName?: string;
  /** Redirects followed for one command before it fails. Default 5 (a slot moves at most a couple of times). */
  maxRedirects?: number;
};

type Arg = string | Buffer | number;
const REDIRECT = /^(MOVED|ASK) (\d+) (\S+):(\d+)$/;

/**
 * Per-key reads and writes against a Redis Cluster: each command goes to the node owning its key's
 * slot; MOVED updates the map (and re-reads the topology), ASK sends ASKING + the command to the
 * importing node once, TRYAGAIN waits and retries. One connection per node, opened on first use
 * through connectRedis, so Ferry's timeouts, TLS, AUTH and the source read-only guard all hold.
 */
export class ClusterRouter {
  private readonly clients = new Map<string, Promise<Redis>>();
  private owners: string[] = [];
  private refreshing: Promise<void> | null = null;
  topology!: TClusterTopology;

  private constructor(private readonly opts: ClusterRouterOptions) {}

  static async open(opts: ClusterRouterOptions): Promise<ClusterRouter> {
    const router = new ClusterRouter(opts);
    try {
      await router.refresh();
      return router;
    } catch (err) {
      router.close();
      throw err;
    }
  }

  /** Re-reads the topology from the seed (coalesced: concurrent callers share one read). */
  refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const seed = await this.client(this.opts.seed);
        const topology = await readClusterTopology({ seed, tls: !!this.opts.seed.tls, nodeClient: (n) => this.client(n) });
        const owners = new Array<string>(CLUSTER_SLOT_COUNT).fill("");
        for (const s of topology.shards) for (const [a, b] of s.slots) owners.fill(addressOf(s.primary), a, b + 1);
        this.topology = topology;
        this.owners = owners;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  primaries(): TClusterNode[] {
    return this.topology.shards.map((s) => s.primary);
  }

  /** The (cached, connected) client of one node. */
  client(node: { host: string; port: number }): Promise<Redis> {
    const key = addressOf(node);
    let c = this.clients.get(key);
    if (!c) {
      const ep = clusterNodeEndpoint(this.opts.seed, node);
      const open = { role: this.opts.role, timeouts: this.opts.timeouts, connectionName: this.opts.connectionName };
      c = this.opts.role === "source" ? connectRedis(ep, { ...open, role: "source" }) : connectRedis(ep, { ...open, role: "target" });
      c.catch(() => this.clients.delete(key));
      this.clients.set(key, c);
    }
    return c;
  }

  /** Runs `command key ...args` on the key's node; replies as strings. */
  call(command: string, key: string | Buffer, ...args: Arg[]): Promise<unknown> {
    return this.route(key, (c, asking) => (asking ? viaAsking(c, false, command, [key, ...args]) : c.call(command, key, ...args)));
  }

  /** Same, replies as Buffers (DUMP, binary values). */
  callBuffer(command: string, key: string | Buffer, ...args: Arg[]): Promise<unknown> {
    return this.route(key, (c, asking) => (asking ? viaAsking(c, true, command, [key, ...args]) : c.callBuffer(command, key, ...args)));
  }

  private async route(key: string | Buffer, send: (c: Redis, asking: boolean) => Promise<unknown>): Promise<unknown> {
    const slot = keySlot(key);
    let address = this.owners[slot];
    let asking = false;
    const max = this.opts.maxRedirects ?? 5;
    for (let attempt = 0; ; attempt++) {
      if (!address) throw new AppError("REDIS_ERROR", `No node of ${describeEndpoint(this.opts.seed)} serves slot ${slot} (the cluster does not cover it).`);
      try {
        return await send(await this.client(parseAddress(address)), asking);
      } catch (err) {
        const message = String((err as Error)?.message ?? "");
        const redirect = REDIRECT.exec(message);
        if (attempt >= max || (!redirect && !message.startsWith("TRYAGAIN"))) throw err;
        if (!redirect) {
          await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
          continue;
        }
        address = `${redirect[3]}:${redirect[4]}`;
        asking = redirect[1] === "ASK";
        // MOVED is a lasting change: remember it now, re-read the whole map for the other slots.
        if (!asking) {
          this.owners[slot] = address;
          void this.refresh().catch(() => {});
        }
      }
    }
  }

  close(): void {
    for (const c of this.clients.values()) void c.then((r) => r.disconnect(), () => {});
    this.clients.clear();
  }
}

async function viaAsking(c: Redis, buffers: boolean, command: string, args: Arg[]): Promise<unknown> {
  const p = c.pipeline().call("ASKING");
  const replies = await (buffers ? p.callBuffer(command, ...args) : p.call(command, ...args)).exec();
  const [err, reply] = replies?.[1] ?? [new Error("no reply"), null];
  if (err) throw err;
  return reply;
}

function addressOf(n: { host: string; port: number }): string {
  return `${n.host}:${n.port}`;
}

function parseAddress(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(":");
  return { host: address.slice(0, i), port: Number(address.slice(i + 1)) };
}
