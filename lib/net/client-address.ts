import net from "node:net";
import { isTrusted, normalizeAddress } from "./trusted-proxies";

/**
 * The address a request came from. The socket's peer is the truth; X-Forwarded-For is believed
 * only when that peer is a declared proxy, and then only up to the first hop not in the list
 * (read right to left: each proxy appends the address it saw, a client can write anything left of it).
 */
export function clientAddress(opts: { peer: string | undefined; forwardedFor: string | null; trusted: net.BlockList | null }): string | undefined {
  if (!opts.peer) return undefined;
  let address = normalizeAddress(opts.peer);
  if (!opts.trusted || !opts.forwardedFor) return address;
  const hops = opts.forwardedFor.split(",").map((h) => h.trim()).filter(Boolean).slice(-32);
  while (isTrusted(opts.trusted, address) && hops.length) {
    const next = normalizeAddress(hops.pop()!);
    if (!net.isIP(next)) break;
    address = next;
  }
  return address;
}
