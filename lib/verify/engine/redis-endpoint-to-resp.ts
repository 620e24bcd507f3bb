import type { TRedisEndpoint } from "@/lib/redis/endpoint";
import { endpointTlsOptions } from "@/lib/redis/open-socket";
import type { RespEndpoint } from "./resp-connection";

/** The engine's lean-socket form of an endpoint resolved from the database (same TLS rules as lib/redis/connect). */
export function redisEndpointToResp(ep: TRedisEndpoint): RespEndpoint {
  return {
    host: ep.host,
    port: ep.port,
    username: ep.username || undefined,
    password: ep.password || undefined,
    tls: endpointTlsOptions(ep) ?? false,
    connectTimeoutMs: 5_000,
  };
}
