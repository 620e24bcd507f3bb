import Redis from "ioredis";
import type { LabContext } from "../context";
import type { ServerlessCache, ServerlessSource } from "./serverless-state";

/** A short-lived client to the customer's source, authenticated with the secret the migration names. */
export function sourceClient(ctx: LabContext, src: ServerlessSource): Redis {
  const auth = src.secretArn ? ctx.secrets.get(src.secretArn) : undefined;
  const r = new Redis({ host: src.address, port: src.port, username: auth?.username, password: auth?.password, lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on("error", () => {});
  return r;
}

const REDIS_RANGE = { min: [4, 0], max: [7, 2] };
const VALKEY_RANGE = { min: [7, 2], max: [8, 1] };
const majorMinor = (v: string) => v.split(".").slice(0, 2).map(Number);
const cmp = (a: number[], b: number[]) => a[0] - b[0] || (a[1] ?? 0) - (b[1] ?? 0);

/**
 * The requirement the source fails, in the words the event names it, or null. What AWS checks at
 * PrepareMigration and again at StartMigration (REFERENCE.md section 8).
 */
export async function unmetSourceRequirement(ctx: LabContext, cache: ServerlessCache, src: ServerlessSource): Promise<string | null> {
  if (src.secretArn && !ctx.secrets.has(src.secretArn)) return `the secret ${src.secretArn} does not exist or ElastiCache may not read it`;
  if (src.tlsMode === "verify-ca") return "the source did not complete a TLS handshake verified against the given certificate (the lab's sources serve plaintext)";
  const r = sourceClient(ctx, src);
  try {
    try {
      await r.connect();
    } catch {
      return `the source ${src.address}:${src.port} is not reachable from the cache's subnets`;
    }
    let info: string;
    try {
      info = await r.info("server");
    } catch (e) {
      if (/NOAUTH|WRONGPASS/.test((e as Error).message)) return "the source requires authentication: give a Secrets Manager secret with its credentials";
      return `the source did not answer INFO (${(e as Error).message})`;
    }
    const valkey = /valkey_version:(\S+)/.exec(info)?.[1];
    const version = valkey ?? /redis_version:(\S+)/.exec(info)?.[1] ?? "0";
    const range = valkey ? VALKEY_RANGE : REDIS_RANGE;
    const engine = valkey ? "Valkey" : "Redis OSS";
    const v = majorMinor(version);
    if (cmp(v, range.min) < 0 || cmp(v, range.max) > 0) return `the source engine ${engine} ${version} is outside the supported range ${range.min.join(".")}-${range.max.join(".")}`;
    if (cmp(v, majorMinor(cache.fullEngineVersion)) > 0) return `the source engine version ${version} is higher than the cache's ${cache.engine} ${cache.fullEngineVersion}`;
    return null;
  } finally {
    r.disconnect();
  }
}
