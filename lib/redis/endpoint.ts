import { z } from "zod";

/**
 * How to reach one self-managed Redis (or one discovered ElastiCache node). Flat so that a form,
 * a Prisma row and an API payload can all carry it; the password is plaintext only in memory
 * (it is decrypted from the database just before a connection is opened).
 */
export const ZRedisEndpoint = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  tls: z.boolean().default(false),
  /** PEM bundle to trust instead of (not in addition to) the system roots. */
  tlsCa: z.string().optional(),
  /** SNI and certificate name to check; defaults to `host` when host is a name. */
  tlsServername: z.string().optional(),
  /** For lab/self-signed set-ups only; the UI should show it as a warning. */
  tlsSkipVerify: z.boolean().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  db: z.number().int().min(0).max(10_000).default(0),
});

export type TRedisEndpoint = z.input<typeof ZRedisEndpoint>;

export type RedisRole = "source" | "target";

export type RedisTimeouts = {
  /** TCP connect plus TLS handshake. */
  connectMs: number;
  /** Every command, including the INFO ready check. */
  commandMs: number;
  /** Commands retried after a reconnect; beyond this they fail instead of queueing. */
  maxRetriesPerRequest: number;
  /** Reconnect attempts after a drop; 0 means the first failure is final. */
  maxReconnects: number;
};

export const DEFAULT_REDIS_TIMEOUTS: RedisTimeouts = {
  connectMs: 3_000,
  commandMs: 5_000,
  maxRetriesPerRequest: 1,
  maxReconnects: 3,
};

/** `host:port` for messages; never includes credentials. */
export function describeEndpoint(endpoint: Pick<TRedisEndpoint, "host" | "port" | "tls">): string {
  const host = endpoint.host.includes(":") ? `[${endpoint.host}]` : endpoint.host;
  return `${host}:${endpoint.port}${endpoint.tls ? " (TLS)" : ""}`;
}
