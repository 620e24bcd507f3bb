import crypto from "node:crypto";
import http from "node:http";

// Next.js hands routes the request headers only, and fills X-Forwarded-For from the socket only
// when the client did not send one, so the socket's address is otherwise lost. The server process
// stamps each request with it under a header carrying a per-process secret: a client cannot forge
// the stamp, and a stamp-less request (none before installation) counts as an unknown address.
export const PEER_HEADER = "x-ferry-peer";
const KEY = Symbol.for("ferry.peerStampSecret");
type TGlobal = typeof globalThis & { [KEY]?: string };

/** Installs the stamp on every HTTP server of this process (call once, at start-up). */
export function installPeerStamp(): void {
  const g = globalThis as TGlobal;
  if (g[KEY]) return;
  const secret = crypto.randomBytes(16).toString("hex");
  g[KEY] = secret;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = `${secret} ${req.socket.remoteAddress ?? ""}`;
    }
    return (emit as (this: http.Server, e: string | symbol, ...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
}

/** The socket address stamped on a request, or undefined when the stamp is absent or forged. */
export function readPeerStamp(value: string | null): string | undefined {
  const secret = (globalThis as TGlobal)[KEY];
  if (!secret || !value) return undefined;
  const [given, address] = value.split(" ");
  if (given.length !== secret.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(secret))) return undefined;
  return address || undefined;
}
