import net from "node:net";
import type { TRedisEndpoint } from "../endpoint";

/**
 * How to reach another node of the cluster the seed belongs to: the same credentials and TLS
 * settings, the node's announced address. An explicit servername is kept only for an IP (it was
 * given because the certificate names something other than the address); a node announcing a
 * name is checked against that name, as ElastiCache's per-node certificates expect.
 */
export function clusterNodeEndpoint(seed: TRedisEndpoint, node: { host: string; port: number }): TRedisEndpoint {
  const tlsServername = net.isIP(node.host) ? seed.tlsServername : undefined;
  return { ...seed, host: node.host, port: node.port, tlsServername, db: 0 };
}
