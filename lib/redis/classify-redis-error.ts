import "server-only";
import { AppError } from "../errors";

export type RedisErrorContext = {
  /** `host:port` for the message. */
  where?: string;
  tls?: boolean;
  /** True when a plain TCP connect to the port succeeded just before (testConnection probes). */
  tcpReachable?: boolean;
  /** The connection never became ready: resets and timeouts then point at TLS or protocol. */
  connecting?: boolean;
};

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME", "EAI_NODATA"]);
const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "EPROTO",
]);

/**
 * Turns whatever ioredis or the socket threw into one AppError an operator can act on. The
 * message names the endpoint and the likely fix; it never contains credentials (Redis error
 * texts do not echo passwords).
 */
export function classifyRedisError(err: unknown, ctx: RedisErrorContext = {}): AppError {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as { code?: unknown; message?: unknown; name?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  const message = typeof e.message === "string" ? e.message : String(err);
  const where = ctx.where ?? "the server";
  const detail = { cause: code || undefined, serverMessage: message.slice(0, 300) };

  if (DNS_CODES.has(code) || /getaddrinfo/i.test(message)) {
    return new AppError("REDIS_DNS", `Could not resolve ${where}: the host name does not exist in DNS as Ferry sees it (check the spelling; private hosted zones need Ferry inside the VPC).`, detail);
  }
  if (code === "ECONNREFUSED") {
    return new AppError("REDIS_REFUSED", `Connection refused by ${where}: nothing listens on that port (check the port, that Redis is running and its bind address).`, detail);
  }
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") {
    return new AppError("REDIS_REFUSED", `No route to ${where} (check the VPC, peering and routing between Ferry and the host).`, detail);
  }
  if (/^(WRONGPASS|ERR invalid password|ERR invalid username-password)/i.test(message)) {
    return new AppError("REDIS_AUTH_FAILED", `${where} refused the username/password (WRONGPASS). Check the password and, with ACLs, the user name.`, detail);
  }
  if (/^NOAUTH/i.test(message) || /Authentication required/i.test(message)) {
    return new AppError("REDIS_AUTH_FAILED", `${where} requires a password (NOAUTH). Set the password (and ACL user name) for this endpoint.`, detail);
  }
  if (/^NOPERM/i.test(message)) {
    return new AppError("REDIS_NOPERM", `The ACL user Ferry connects as may not run this command on ${where}: ${message.slice(0, 200)}`, detail);
  }
  if (/^DENIED/i.test(message) || /protected mode/i.test(message)) {
    return new AppError("REDIS_REFUSED", `${where} is in protected mode and refuses non-loopback clients without a password. Set a password or run \`CONFIG SET protected-mode no\` on it.`, detail);
  }
  if (e.name === "ParserError" || /Protocol error/i.test(message)) {
    const got = /got "(.)"/.exec(message)?.[1];
    const hint = got === "H" ? " It answered like an HTTP server." : "";
    return new AppError("REDIS_NOT_REDIS", `Something answered on ${where}, but it does not speak the Redis protocol.${hint} Check the host and port.`, detail);
  }
  if (TLS_CODES.has(code) || code.startsWith("ERR_SSL") || code.startsWith("ERR_TLS") || /SSL|TLS|certificate|wrong version number/i.test(message)) {
    return new AppError("REDIS_TLS", tlsMessage(code, where), detail);
  }
  const timedOut = code === "ETIMEDOUT" || /timed out|timeout/i.test(message);
  if (ctx.connecting && ctx.tcpReachable && timedOut) {
    return ctx.tls
      ? new AppError("REDIS_TLS", `${where} accepted the TCP connection but never completed a TLS handshake: the port probably does not speak TLS. Turn TLS off for this endpoint or use the TLS port.`, detail)
      : new AppError("REDIS_TIMEOUT", `${where} accepted the connection but never answered a Redis command: it is not Redis, is overloaded, or expects TLS.`, detail);
  }
  if (ctx.connecting && !ctx.tls && (code === "ECONNRESET" || code === "EPIPE" || /Connection is closed/i.test(message))) {
    return new AppError("REDIS_TLS", `${where} closed the connection before answering. This is what a TLS-only port does to a plain client: turn TLS on for this endpoint.`, detail);
  }
  if (timedOut) {
    return new AppError("REDIS_TIMEOUT", `${where} did not answer in time (network filtering, a security group, or an overloaded server).`, detail);
  }
  if (/^LOADING/i.test(message)) {
    return new AppError("REDIS_ERROR", `${where} is still loading its dataset into memory; try again when it finishes.`, detail);
  }
  return new AppError("REDIS_ERROR", `${where} returned an error: ${message.slice(0, 200)}`, detail);
}

function tlsMessage(code: string, where: string): string {
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return `The TLS certificate of ${where} is not valid for that name. Set the TLS server name to the name in the certificate.`;
  }
  if (code.includes("SELF_SIGNED") || code.startsWith("UNABLE_TO")) {
    return `The TLS certificate of ${where} is not signed by a trusted CA. Paste the CA certificate (PEM) for this endpoint.`;
  }
  if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID") {
    return `The TLS certificate of ${where} is expired or not yet valid.`;
  }
  return `TLS failed with ${where}: the port may not speak TLS (turn TLS off) or uses a protocol Ferry does not accept.`;
}
