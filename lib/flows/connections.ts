import "server-only";
import type { Redis } from "ioredis";
import { resolveEndpoint, type TResolvedEndpoint } from "../endpoints/resolve-endpoint";
import { connectRedis } from "../redis/connect";
import type { ReadOnlyRedis } from "../redis/read-only";

type Lazy<T> = { value?: Promise<T> };

/**
 * The endpoints and Redis clients of one migration, kept by the runner between passes (a waiting
 * step polls every second or so; reconnecting each time would show up in the customer's CLIENT LIST).
 * A client that ioredis gave up on is replaced on next use.
 */
export class MigrationConnections {
  private source: Lazy<TResolvedEndpoint> = {};
  private target: Lazy<TResolvedEndpoint> = {};
  private clients = new Map<string, Promise<Redis>>();

  constructor(private readonly sourceId: string, private readonly targetId: string) {}

  sourceEndpoint(): Promise<TResolvedEndpoint> {
    return this.memo(this.source, () => resolveEndpoint(this.sourceId));
  }

  targetEndpoint(): Promise<TResolvedEndpoint> {
    return this.memo(this.target, () => resolveEndpoint(this.targetId));
  }

  sourceRedis(): Promise<ReadOnlyRedis> {
    return this.client("source", async () => connectRedis((await this.sourceEndpoint()).redis, { role: "source", connectionName: "ferry-runner" })) as Promise<ReadOnlyRedis>;
  }

  targetRedis(): Promise<ReadOnlyRedis> {
    return this.client("target-ro", async () => connectRedis((await this.targetEndpoint()).redis, { role: "source", connectionName: "ferry-runner" })) as Promise<ReadOnlyRedis>;
  }

  targetAdmin(): Promise<Redis> {
    return this.client("target-admin", async () => connectRedis((await this.targetEndpoint()).redis, { role: "target", connectionName: "ferry-runner" }));
  }

  targetNodeRedis(node: { host: string; port: number }): Promise<ReadOnlyRedis> {
    return this.client(`target-node:${node.host}:${node.port}`, async () =>
      connectRedis({ ...(await this.targetEndpoint()).redis, host: node.host, port: node.port }, { role: "source", connectionName: "ferry-runner" })) as Promise<ReadOnlyRedis>;
  }

  /** After an error: the next pass resolves endpoints (AWS discovery) and connects afresh. */
  reset(): void {
    this.close();
    this.source = {};
    this.target = {};
  }

  close(): void {
    for (const p of this.clients.values()) p.then((c) => c.disconnect(), () => {});
    this.clients.clear();
  }

  private memo<T>(slot: Lazy<T>, make: () => Promise<T>): Promise<T> {
    if (!slot.value) {
      slot.value = make();
      slot.value.catch(() => (slot.value = undefined));
    }
    return slot.value;
  }

  private async client(key: string, make: () => Promise<Redis>): Promise<Redis> {
    const existing = this.clients.get(key);
    if (existing) {
      const c = await existing.catch(() => null);
      if (c && c.status !== "end" && c.status !== "close") return c;
      this.clients.delete(key);
    }
    const p = make();
    this.clients.set(key, p);
    p.catch(() => this.clients.delete(key));
    return p;
  }
}
