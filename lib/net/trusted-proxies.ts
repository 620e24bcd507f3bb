import net from "node:net";

/** Parses FERRY_TRUSTED_PROXIES ("10.0.0.1, 10.1.0.0/16, fd00::/8"); null when an entry is not an address or range. */
export function parseTrustedProxies(value: string): net.BlockList | null {
  const list = new net.BlockList();
  for (const entry of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, bits, extra] = entry.split("/");
    const family = net.isIPv4(address) ? "ipv4" : net.isIPv6(address) ? "ipv6" : null;
    if (!family || extra !== undefined) return null;
    if (bits === undefined) {
      list.addAddress(address, family);
      continue;
    }
    const prefix = Number(bits);
    if (!/^\d{1,3}$/.test(bits) || prefix > (family === "ipv4" ? 32 : 128)) return null;
    list.addSubnet(address, prefix, family);
  }
  return list;
}

/** "::ffff:10.0.0.1" (an IPv4 client on a dual-stack socket) is 10.0.0.1. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

export function isTrusted(list: net.BlockList, address: string): boolean {
  const a = normalizeAddress(address);
  const family = net.isIPv4(a) ? "ipv4" : net.isIPv6(a) ? "ipv6" : null;
  return family !== null && list.check(a, family);
}
