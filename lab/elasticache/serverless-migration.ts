import { ApiError, invalidParameterValue } from "../http/api-error";
import type { EcCall, EcHandler } from "./handler-types";
import { customerEndpoint } from "./migration-checks";
import { labCall } from "./refused-commands";
import { findServerlessCache } from "./serverless";
import { unmetSourceRequirement } from "./serverless-source";
import { renderServerlessCache, type ServerlessCache, type ServerlessSource } from "./serverless-state";
import { cutOver, serverlessEvent, watchServerlessSync } from "./serverless-sync";

const result = (c: EcCall, cache: ServerlessCache) => {
  const xml = renderServerlessCache(cache, c.ctx.region);
  return `<ServerlessCache>${xml.slice("<member>".length, -"</member>".length)}</ServerlessCache>`;
};

function notUnderMigration(cache: ServerlessCache): ApiError {
  return new ApiError("ServerlessCacheNotUnderMigrationFault", `Serverless cache ${cache.name} is not under migration${cache.migration ? ` (${cache.migration.status})` : ""}.`);
}

/** Accepts, then validates the source like AWS: a failure rolls back and posts an event naming the requirement. */
export const prepareMigration: EcHandler = async (c) => {
  const cache = findServerlessCache(c, c.params.required("ServerlessCacheName"));
  const ep = customerEndpoint(c);
  const secretArn = c.params.str("SourceAuthenticationConfiguration.SecretManagerConfig.SecretArn");
  const tlsMode = c.params.str("SourceTlsConfiguration.SourceTlsMode") ?? "none";
  if (tlsMode !== "none" && tlsMode !== "verify-ca") throw invalidParameterValue(`SourceTlsMode must be none or verify-ca, not ${tlsMode}.`);
  if (tlsMode === "verify-ca" && !c.params.str("SourceTlsConfiguration.SourceTlsCertificate")) throw invalidParameterValue("SourceTlsMode verify-ca needs SourceTlsCertificate.");
  if (secretArn && !/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/.test(secretArn)) throw invalidParameterValue(`${secretArn} is not a Secrets Manager secret ARN.`);
  if (cache.status !== "available") throw new ApiError("InvalidServerlessCacheStateFault", `Serverless cache ${cache.name} is ${cache.status}.`);
  if (cache.migration && cache.migration.status !== "completed") throw new ApiError("InvalidServerlessCacheStateFault", `Serverless cache ${cache.name} already has a migration (${cache.migration.status}).`);
  const source: ServerlessSource = { address: ep.address, port: ep.port, secretArn, tlsMode };
  const m = (cache.migration = { status: "preparing" as const, source });
  c.ctx.later(c.ctx.delays.modify, async () => {
    if (cache.migration !== m) return;
    const unmet = await unmetSourceRequirement(c.ctx, cache, source);
    if (unmet) {
      cache.migration = undefined;
      serverlessEvent(c.ctx, cache, `PrepareMigration failed for ${cache.name} and was rolled back: ${unmet}`);
      return;
    }
    // From now on the cache endpoint is the migration endpoint: it serves the source.
    await cache.proxy!.switchTo(ep.port);
    Object.assign(m, { status: "prepared" });
    serverlessEvent(c.ctx, cache, `Migration prepared for ${cache.name}: the migration endpoint proxies to ${ep.address}:${ep.port}`);
  });
  return result(c, cache);
};

/** Really replicates: the cache's node runs REPLICAOF toward the source (with the secret's AUTH). */
export const startServerlessMigration: EcHandler = async (c) => {
  const cache = findServerlessCache(c, c.params.required("ServerlessCacheName"));
  const auto = c.params.bool("AutoCutover") ?? false;
  const clear = c.params.bool("ClearTargetCacheData") ?? false;
  const m = cache.migration;
  if (!m || m.status === "preparing" || m.status === "completed") throw new ApiError("InvalidServerlessCacheStateFault", `Serverless cache ${cache.name} has no prepared migration${m ? ` (${m.status})` : ""}: call PrepareMigration first.`);
  if (m.status !== "prepared" && m.status !== "stopped") throw new ApiError("InvalidServerlessCacheStateFault", `Migration of ${cache.name} is already ${m.status}.`);
  const node = c.ctx.redis(cache.node!.port);
  if (!clear && (await node.dbsize()) > 0) throw invalidParameterValue(`Serverless cache ${cache.name} holds data; StartMigration needs ClearTargetCacheData=true to replace it.`);
  const unmet = await unmetSourceRequirement(c.ctx, cache, m.source);
  if (unmet) throw invalidParameterValue(`StartMigration of ${cache.name}: ${unmet}.`);
  if (clear) await node.flushall();
  const auth = m.source.secretArn ? c.ctx.secrets.get(m.source.secretArn) : undefined;
  if (auth?.username) await labCall(node, "CONFIG", "SET", "masteruser", auth.username);
  if (auth) await labCall(node, "CONFIG", "SET", "masterauth", auth.password);
  await labCall(node, "REPLICAOF", m.source.address, m.source.port);
  Object.assign(m, { status: "syncing", cutoverMode: auto ? "auto" : "manual" });
  serverlessEvent(c.ctx, cache, `Migration started for ${cache.name} (${auto ? "automatic" : "manual"} cutover${clear ? ", target data cleared" : ""})`);
  watchServerlessSync(c.ctx, cache);
  return result(c, cache);
};

export const stopMigration: EcHandler = async (c) => {
  const cache = findServerlessCache(c, c.params.required("ServerlessCacheName"));
  const m = cache.migration;
  if (!m || (m.status !== "syncing" && m.status !== "in-sync")) throw notUnderMigration(cache);
  await labCall(c.ctx.redis(cache.node!.port), "REPLICAOF", "NO", "ONE");
  m.status = "stopped";
  serverlessEvent(c.ctx, cache, `Migration stopped for ${cache.name}; the migration endpoint still serves the source`);
  return result(c, cache);
};

/** Manual cutover; without Force only when in sync, as AWS checks. */
export const completeServerlessMigration: EcHandler = async (c) => {
  const cache = findServerlessCache(c, c.params.required("ServerlessCacheName"));
  const force = c.params.bool("Force") ?? false;
  const m = cache.migration;
  if (!m || (m.status !== "syncing" && m.status !== "in-sync")) throw notUnderMigration(cache);
  if (m.status !== "in-sync" && !force) throw new ApiError("InvalidServerlessCacheStateFault", `Migration of ${cache.name} is not in sync yet (${m.status}).`);
  m.status = "cutting-over";
  c.ctx.later(c.ctx.delays.complete, () => cutOver(c.ctx, cache));
  return result(c, cache);
};
