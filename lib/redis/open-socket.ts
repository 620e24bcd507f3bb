import "server-only";
import net from "node:net";
import tls from "node:tls";
import type { TRedisEndpoint } from "./endpoint";

type TTlsFields = Pick<TRedisEndpoint, "host" | "tls" | "tlsCa" | "tlsServername" | "tlsSkipVerify">;

/**
 * The Node TLS options for an endpoint, or undefined without TLS. The one place the TLS rules
 * live (ioredis clients, the verifier's lean sockets and the replication handshake all use it):
 * SNI is the configured servername, else the host when it is a name (Node refuses an IP as SNI).
 */
export function endpointTlsOptions(ep: TTlsFields): tls.ConnectionOptions | undefined {
  if (!ep.tls) return undefined;
  const servername = ep.tlsServername ?? (net.isIP(ep.host) ? undefined : ep.host);
  return { ca: ep.tlsCa || undefined, servername, rejectUnauthorized: !ep.tlsSkipVerify };
}

export type TOpenSocketOptions = {
  host: string;
  port: number;
  /** From endpointTlsOptions; undefined or false for plain TCP. */
  tls?: tls.ConnectionOptions | false;
  connectTimeoutMs: number;
};

/**
 * Opens a TCP (or TLS) socket and resolves once it is connected (handshake done), with Nagle
 * off. Rejects with Node's own error, its `code` kept (ECONNREFUSED, ENOTFOUND, ERR_TLS_...),
 * or an ETIMEDOUT error after connectTimeoutMs, so each caller maps it to its own vocabulary.
 */
export function openSocket(o: TOpenSocketOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = o.tls ? tls.connect({ host: o.host, port: o.port, ...o.tls }) : net.connect({ host: o.host, port: o.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(`Connection timed out after ${o.connectTimeoutMs} ms`), { code: "ETIMEDOUT" }));
    }, o.connectTimeoutMs);
    const onError = (err: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    };
    socket.once("error", onError);
    socket.once(o.tls ? "secureConnect" : "connect", () => {
      clearTimeout(timer);
      socket.off("error", onError);
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}
