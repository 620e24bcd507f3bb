import Redis from "ioredis";
import { ApiError, invalidParameterValue } from "../http/api-error";
import type { EcCall } from "./handler-types";
import { sourcesBySlots, type ShardSource } from "./cluster-migration-sources";
import type { Group } from "./state";

export type CustomerEndpoint = { address: string; port: number };

/** The one customer endpoint of Test/StartMigration, limited to loopback: the lab never reaches out. */
export function customerEndpoint(c: EcCall): CustomerEndpoint {
  const list = c.params.structList("CustomerNodeEndpointList");
  if (list.length === 0) throw new ApiError("MissingParameter", "The request must contain the parameter CustomerNodeEndpointList");
  if (list.length !== 1) throw invalidParameterValue("CustomerNodeEndpointList must contain exactly one endpoint.");
  const { Address: address, Port: port } = list[0];
  if (!address || !port || !/^\d+$/.test(port)) throw invalidParameterValue("Each customer node endpoint needs an Address and a Port.");
  if (!["127.0.0.1", "localhost", "::1"].includes(address)) {
    throw invalidParameterValue(`The lab can only migrate from loopback endpoints, not ${address}.`);
  }
  return { address: address === "localhost" ? "127.0.0.1" : address, port: Number(port) };
}

/**
 * The prerequisites AWS documents for online migration, checked against the group and the real
 * source. Messages are the lab's wording; the codes are AWS's.
 */
export async function checkMigration(g: Group, ep: CustomerEndpoint): Promise<ShardSource[] | undefined> {
  if (g.transitEncryption) throw invalidParameterValue(`Replication group ${g.id} has in-transit encryption enabled; online migration requires it disabled.`);
  if (!g.multiAZ) throw invalidParameterValue(`Replication group ${g.id} must have Multi-AZ enabled for online migration.`);
  if (g.dataTiering) throw invalidParameterValue(`Replication group ${g.id} uses data tiering, which online migration does not support.`);
  if (g.shards.some((s) => s.members.some((m) => m.redis.port === ep.port))) {
    throw invalidParameterValue("The customer endpoint is a node of the target replication group.");
  }
  const src = new Redis({ host: ep.address, port: ep.port, lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  src.on("error", () => {});
  try {
    await src.connect().catch(() => {
      throw invalidParameterValue(`Unable to connect to the customer node endpoint ${ep.address}:${ep.port}.`);
    });
    const info = await src.info("server").catch((e: Error) => {
      if (/NOAUTH/.test(e.message)) throw invalidParameterValue("The customer's Redis requires AUTH; online migration needs a source without a password.");
      throw invalidParameterValue(`The customer node endpoint did not answer INFO: ${e.message}`);
    });
    const sourceClustered = /redis_mode:cluster/.test(info);
    if (sourceClustered && !g.clusterEnabled) throw invalidParameterValue("The source runs in cluster mode but the target does not.");
    if (!sourceClustered && g.clusterEnabled) throw invalidParameterValue(`Replication group ${g.id} has cluster mode enabled but the source does not.`);
    if (g.clusterEnabled) return await sourcesBySlots(src, g, ep.address);
    const dbs = (await src.config("GET", "databases").catch(() => [])) as string[];
    if (dbs[1] && dbs[1] !== "16") throw invalidParameterValue(`The source has ${dbs[1]} databases; the target has 16.`);
  } finally {
    src.disconnect();
  }
}
