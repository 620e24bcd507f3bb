import "server-only";
import { Redis, type RedisOptions } from "ioredis";
import { classifyRedisError } from "./classify-redis-error";
import { redactRedisError } from "./redact-redis-error";
import { DEFAULT_REDIS_TIMEOUTS, describeEndpoint, type RedisRole, type RedisTimeouts, type TRedisEndpoint } from "./endpoint";
import { endpointTlsOptions } from "./open-socket";
import { guardReadOnly, type ReadOnlyRedis } from "./read-only";

export type OpenRedisOptions<R extends RedisRole> = {
  role: R;
  timeouts?: Partial<RedisTimeouts>;
  /** CLIENT SETNAME, so an operator can spot Ferry in CLIENT LIST on their server. */
  connectionName?: string;
};

// The first socket/auth error since the client was last ready: ioredis rejects pending commands
// with a bare "Connection is closed." and reports the cause only as 'error' events, where later
// ones ("Stream isn't writeable") are consequences of the first.
const lastErrors = new WeakMap<Redis, unknown>();

export function buildRedisOptions(endpoint: TRedisEndpoint, opts: OpenRedisOptions<RedisRole>): RedisOptions {
  const t = { ...DEFAULT_REDIS_TIMEOUTS, ...opts.timeouts };
  return {
    host: endpoint.host,
    port: endpoint.port,
    username: endpoint.username || undefined,
    password: endpoint.password || undefined,
    db: endpoint.db ?? 0,
    tls: endpointTlsOptions(endpoint),
    connectionName: opts.connectionName ?? `ferry-${opts.role}`,
    lazyConnect: true,
    connectTimeout: t.connectMs,
    commandTimeout: t.commandMs,
    maxRetriesPerRequest: t.maxRetriesPerRequest,
    // No endless reconnect loop against a host that is gone: a few tries, then the client ends.
    retryStrategy: (times) => (times > t.maxReconnects ? null : Math.min(200 * 2 ** (times - 1), 2_000)),
    enableAutoPipelining: false,
    autoResubscribe: true,
  };
}

/**
 * Creates (does not connect) an ioredis client for an endpoint. Sources come back read-only:
 * there is no way to get a writable source client from this function.
 */
export function openRedis(endpoint: TRedisEndpoint, opts: OpenRedisOptions<"source">): ReadOnlyRedis;
export function openRedis(endpoint: TRedisEndpoint, opts: OpenRedisOptions<"target">): Redis;
export function openRedis(endpoint: TRedisEndpoint, opts: OpenRedisOptions<RedisRole>): Redis | ReadOnlyRedis;
export function openRedis(endpoint: TRedisEndpoint, opts: OpenRedisOptions<RedisRole>): Redis | ReadOnlyRedis {
  const client = new Redis(buildRedisOptions(endpoint, opts));
  // A refused AUTH on reconnect (the password changed on the server) is emitted here before the
  // pending commands reject with that same error object, whose args hold the stored password:
  // redacting it first keeps the password out of every caller's hands.
  client.prependListener("error", redactRedisError);
  // Without a listener ioredis prints "Unhandled error event" for every reconnect attempt.
  client.on("error", (err) => {
    if (!lastErrors.has(client)) lastErrors.set(client, err);
  });
  client.on("ready", () => lastErrors.delete(client));
  return opts.role === "source" ? guardReadOnly(client) : client;
}

/** The socket/auth error behind the client's most recent failure, if any. */
export function lastRedisError(client: Redis): unknown {
  return lastErrors.get(client);
}

/** Opens and waits for READY, or throws the one classified AppError and closes the client. */
export async function connectRedis(endpoint: TRedisEndpoint, opts: OpenRedisOptions<"source">): Promise<ReadOnlyRedis>;
export async function connectRedis(endpoint: TRedisEndpoint, opts: OpenRedisOptions<"target">): Promise<Redis>;
export async function connectRedis(endpoint: TRedisEndpoint, opts: OpenRedisOptions<RedisRole>): Promise<Redis> {
  const client = openRedis(endpoint, opts);
  try {
    await client.connect();
    return client;
  } catch (err) {
    client.disconnect();
    throw classifyRedisError(lastErrors.get(client) ?? err, { where: describeEndpoint(endpoint), tls: !!endpoint.tls, connecting: true });
  }
}
