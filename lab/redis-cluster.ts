import Redis from "ioredis";
import { freePort } from "./free-port";
import { pollUntil } from "../test/test-helpers/poll-until";
import { startRedis, type RedisProcess } from "./redis-process";

export const CLUSTER_SLOTS = 16384;
/**
 * How long a node may stay silent before the others mark it failed (Redis's default is 15 s). Low
 * enough that a kill -9 fails over within a test, high enough that a node starved of CPU on a busy
 * 2-core CI machine is not failed over unasked (2 s was seen to do that).
 */
export const CLUSTER_NODE_TIMEOUT_MS = 5000;

export type ClusterShard = {
  /** Inclusive slot range owned by this shard when the cluster was formed. */
  slots: [number, number];
  primary: RedisProcess;
  replicas: RedisProcess[];
};

export type RedisCluster = {
  shards: ClusterShard[];
  nodes: RedisProcess[];
  /** Any node's address: what an operator would register. */
  seed: { host: "127.0.0.1"; port: number };
  /** Stops every node by PID. Safe to call twice. */
  stop(): Promise<void>;
};

export type StartClusterOptions = {
  shards?: number;
  replicasPerShard?: number;
  name?: string;
  baseDir?: string;
  /** Extra `redis-server` arguments for every node. */
  args?: string[];
  /**
   * Opens the connection used for CLUSTER ADDSLOTSRANGE / MEET / REPLICATE. The lab's ElastiCache
   * nodes deny those to clients, so the lab passes its own privileged connection here.
   */
  admin?: (port: number) => Redis;
  /** Failure detection time (default CLUSTER_NODE_TIMEOUT_MS). */
  nodeTimeoutMs?: number;
  /** Per-shard slot ranges and replica counts (ElastiCache's NodeGroupConfiguration); overrides `shards`. */
  layout?: { slots: [number, number]; replicas: number }[];
  /** Directory names per shard and node (e.g. ElastiCache member ids), for humans reading `ps`. */
  names?: string[][];
};

/** The slot range of shard `i` of `n`, split the way `redis-cli --cluster create` splits them. */
export function slotRangeOf(i: number, n: number): [number, number] {
  const per = CLUSTER_SLOTS / n;
  return [Math.round(i * per), Math.round((i + 1) * per) - 1];
}

/**
 * Starts a real Redis Cluster: `shards` primaries owning contiguous slot ranges, each with
 * `replicasPerShard` replicas, every node on 127.0.0.1 with its own free client and bus ports.
 * Resolves once every node knows every replica's primary and reports `cluster_state:ok`, and every
 * replica's link is up.
 */
export async function startRedisCluster(opts: StartClusterOptions = {}): Promise<RedisCluster> {
  const shardCount = opts.layout?.length ?? opts.shards ?? 3;
  const layout = opts.layout ?? Array.from({ length: shardCount }, (_, s) => ({ slots: slotRangeOf(s, shardCount), replicas: opts.replicasPerShard ?? 1 }));
  const nodes: RedisProcess[] = [];
  const clients: Redis[] = [];
  const stop = async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await Promise.all(nodes.map((n) => n.stop()));
  };
  try {
    const shards: ClusterShard[] = [];
    for (let s = 0; s < shardCount; s++) {
      const members: RedisProcess[] = [];
      for (let r = 0; r <= layout[s].replicas; r++) {
        const node = await startClusterNode(opts, opts.names?.[s]?.[r] ?? `${opts.name ?? "cluster"}-${s + 1}-${r + 1}`);
        nodes.push(node);
        members.push(node);
      }
      shards.push({ slots: layout[s].slots, primary: members[0], replicas: members.slice(1) });
    }
    const open = opts.admin ?? ((port: number) => new Redis({ host: "127.0.0.1", port, lazyConnect: false, maxRetriesPerRequest: 1 }));
    const admin = new Map(nodes.map((n) => {
      const c = open(n.port);
      c.on("error", () => {});
      clients.push(c);
      return [n.port, c] as const;
    }));
    const at = (n: RedisProcess) => admin.get(n.port)!;

    for (const sh of shards) await at(sh.primary).call("CLUSTER", "ADDSLOTSRANGE", sh.slots[0], sh.slots[1]);
    const first = at(nodes[0]);
    for (const n of nodes.slice(1)) await first.call("CLUSTER", "MEET", "127.0.0.1", n.port, busPortOf(n));
    await until("every node to know every other", async () =>
      (await Promise.all(nodes.map(async (n) => nodeLines(String(await at(n).call("CLUSTER", "NODES"))).length))).every((k) => k === nodes.length));
    const primaryOf = new Map<string, string>();
    for (const sh of shards) {
      const id = String(await at(sh.primary).call("CLUSTER", "MYID"));
      for (const r of sh.replicas) {
        await at(r).call("CLUSTER", "REPLICATE", id);
        primaryOf.set(String(await at(r).call("CLUSTER", "MYID")), id);
      }
    }
    // A replica's new role reaches the other nodes by gossip: until it has, a node still lists that
    // replica as a primary of no slots (fresh CI run at load: CLUSTER SHARDS read from a replica).
    await until("every node to know every replica's primary", async () =>
      (await Promise.all(nodes.map(async (n) => String(await at(n).call("CLUSTER", "NODES"))))).every((text) => {
        const seen = new Map(nodeLines(text).map((l) => l.split(" ")).map((f) => [f[0], f[2].includes("slave") ? f[3] : ""]));
        return [...primaryOf].every(([replica, primary]) => seen.get(replica) === primary);
      }));
    await until("cluster_state:ok on every node", async () =>
      (await Promise.all(nodes.map(async (n) => String(await at(n).call("CLUSTER", "INFO"))))).every((i) => /cluster_state:ok/.test(i)));
    await until("every replica's link up", async () =>
      (await Promise.all(shards.flatMap((sh) => sh.replicas).map(async (r) => String(await at(r).call("INFO", "replication"))))).every((i) => /master_link_status:up/.test(i)));
    for (const c of clients.splice(0)) c.disconnect();
    return { shards, nodes, seed: { host: "127.0.0.1", port: shards[0].primary.port }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

const busPorts = new WeakMap<RedisProcess, number>();

/** The node's cluster bus port (chosen free, not port + 10000, which may be taken or out of range). */
export function busPortOf(n: RedisProcess): number {
  return busPorts.get(n)!;
}

async function startClusterNode(opts: StartClusterOptions, name: string): Promise<RedisProcess> {
  // The bus port, picked free like the client port, can be taken by another process before the node
  // binds it (two suites at once: fresh-clone run O). startRedis retries new client ports with the same
  // arguments, so a taken bus port fails every one of them: pick a new bus port then, three times at most.
  for (let attempt = 1; ; attempt++) {
    const bus = await freePort();
    try {
      const node = await startRedis({ name, baseDir: opts.baseDir, args: clusterNodeArgs(bus, opts) });
      busPorts.set(node, bus);
      return node;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** The arguments of a cluster node on `busPort` (also for restarting one with its nodes.conf). */
export function clusterNodeArgs(busPort: number, opts: Pick<StartClusterOptions, "args" | "nodeTimeoutMs"> = {}): string[] {
  return ["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-port", String(busPort),
    "--cluster-node-timeout", String(opts.nodeTimeoutMs ?? CLUSTER_NODE_TIMEOUT_MS), "--cluster-require-full-coverage", "yes",
    ...(opts.args ?? [])];
}

/** Polls until `check` holds; a node still joining may refuse a command, which counts as "not yet". */
const until = (what: string, check: () => Promise<boolean>) =>
  pollUntil(`Redis cluster: ${what}`, () => check().catch(() => false), { timeoutMs: 20_000 });

function nodeLines(nodes: string): string[] {
  return nodes.split("\n").filter((l) => l.trim() && !l.includes("handshake") && !l.includes("noaddr"));
}
