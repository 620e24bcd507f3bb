import { groupKey, type LabContext } from "../context";
import type { LabAccount } from "../accounts";
import { ApiError, invalidParameterValue } from "../http/api-error";
import { list } from "../http/xml";
import type { EcCall, EcHandler } from "./handler-types";
import { validIdentifier } from "./query-params";
import { startServerlessNode } from "./serverless-node";
import { startServerlessProxy } from "./serverless-proxy";
import { fullEngineVersion, renderServerlessCache, type ServerlessCache } from "./serverless-state";

export function findServerlessCache(c: EcCall, name: string): ServerlessCache {
  c.note.groupId = name.toLowerCase();
  const s = c.ctx.serverlessCaches.get(groupKey(c.account.accountId, name.toLowerCase()));
  if (!s) throw new ApiError("ServerlessCacheNotFoundFault", `Serverless cache ${name} not found.`, 404);
  return s;
}

export type ServerlessCacheFixture = { name: string; account?: "A" | "B"; engine?: "valkey" | "redis"; majorEngineVersion?: string; networkType?: ServerlessCache["networkType"] };

/** Creates the cache record; its node and endpoint come up after `delays.create` (or at once with `now`). */
export async function createServerlessCacheIn(ctx: LabContext, account: LabAccount, f: Omit<ServerlessCacheFixture, "account">, now = false): Promise<ServerlessCache> {
  const engine = f.engine ?? "valkey";
  const major = f.majorEngineVersion ?? (engine === "valkey" ? "8" : "7");
  const full = fullEngineVersion(engine, major);
  if (!full) throw invalidParameterValue(`MajorEngineVersion ${major} is not supported for engine ${engine}.`);
  const name = validIdentifier("ServerlessCacheName", f.name);
  const key = groupKey(account.accountId, name);
  if (ctx.serverlessCaches.has(key)) throw new ApiError("ServerlessCacheAlreadyExistsFault", `Serverless cache ${name} already exists.`);
  const cache: ServerlessCache = { name, account, status: "creating", engine, majorEngineVersion: major, fullEngineVersion: full, networkType: f.networkType ?? "ipv4", createdAt: new Date() };
  ctx.serverlessCaches.set(key, cache);
  const boot = async () => {
    cache.node = await startServerlessNode(ctx, name);
    if (ctx.isStopped) return void (await cache.node.stop());
    cache.proxy = await startServerlessProxy(cache.node.port);
    cache.status = "available";
    ctx.event({ accountId: account.accountId, sourceId: name, sourceType: "serverless-cache", message: `Serverless cache ${name} created` });
  };
  if (now) await boot();
  else ctx.later(ctx.delays.create, boot);
  return cache;
}

export const createServerlessCache: EcHandler = async (c) => {
  const engine = c.params.required("Engine");
  if (engine !== "valkey" && engine !== "redis") throw invalidParameterValue(`Engine ${engine} is not supported for serverless caches.`);
  const cache = await createServerlessCacheIn(c.ctx, c.account, { name: c.params.required("ServerlessCacheName"), engine, majorEngineVersion: c.params.str("MajorEngineVersion") });
  c.note.groupId = cache.name;
  return `<ServerlessCache>${renderServerlessCache(cache, c.ctx.region).slice("<member>".length, -"</member>".length)}</ServerlessCache>`;
};

export const describeServerlessCaches: EcHandler = async (c) => {
  const name = c.params.str("ServerlessCacheName");
  const hits = name
    ? [findServerlessCache(c, name)]
    : [...c.ctx.serverlessCaches.values()].filter((s) => s.account.accountId === c.account.accountId);
  return list("ServerlessCaches", hits.map((s) => renderServerlessCache(s, c.ctx.region)));
};

export const deleteServerlessCache: EcHandler = async (c) => {
  const cache = findServerlessCache(c, c.params.required("ServerlessCacheName"));
  if (cache.status !== "available") throw new ApiError("InvalidServerlessCacheStateFault", `Serverless cache ${cache.name} is ${cache.status}.`);
  if (cache.migration && !["completed", "stopped"].includes(cache.migration.status)) {
    throw new ApiError("InvalidServerlessCacheStateFault", `Serverless cache ${cache.name} is under migration (${cache.migration.status}).`);
  }
  cache.status = "deleting";
  const xml = renderServerlessCache(cache, c.ctx.region);
  c.ctx.later(c.ctx.delays.delete, async () => {
    await stopServerlessCache(c.ctx, cache);
    c.ctx.serverlessCaches.delete(groupKey(cache.account.accountId, cache.name));
  });
  return `<ServerlessCache>${xml.slice("<member>".length, -"</member>".length)}</ServerlessCache>`;
};

export async function stopServerlessCache(ctx: LabContext, cache: ServerlessCache): Promise<void> {
  cache.proxy?.close();
  if (cache.node) {
    ctx.dropRedis(cache.node.port);
    await cache.node.stop();
  }
}
