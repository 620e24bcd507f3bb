import net from "node:net";
import type { TRedisEndpoint } from "@/lib/redis/endpoint";
import type { RespEndpoint } from "./resp-connection";

/** The engine's lean-socket form of an endpoint resolved from the database (same TLS rules as lib/redis/connect). */
export function redisEndpointToResp(ep: TRedisEndpoint): RespEndpoint {
  const servername = ep.tlsServername ?? (net.isIP(ep.host) ? undefined : ep.host);
  return {
    host: ep.host,
    port: ep.port,
    username: ep.username || undefined,
    password: ep.password || undefined,
    tls: ep.tls ? { ca: ep.tlsCa || undefined, servername, rejectUnauthorized: !ep.tlsSkipVerify } : false,
    connectTimeoutMs: 5_000,
  };
}
