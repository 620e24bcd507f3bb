import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";
import { parseTrustedProxies } from "./trusted-proxies";

describe("clientAddress", () => {
  it("takes the socket's address and ignores X-Forwarded-For when no proxy is declared", () => {
    expect(clientAddress({ peer: "::ffff:198.51.100.7", forwardedFor: "10.9.9.9", trusted: null })).toBe("198.51.100.7");
  });

  it("ignores X-Forwarded-For from a peer that is not a declared proxy", () => {
    expect(clientAddress({ peer: "198.51.100.7", forwardedFor: "10.9.9.9", trusted: parseTrustedProxies("10.0.0.0/8") })).toBe("198.51.100.7");
  });

  it("believes declared proxies up to the first hop outside the list, not what the client wrote", () => {
    const trusted = parseTrustedProxies("10.0.0.1, 10.1.0.0/16");
    // The client wrote "6.6.6.6"; the edge proxy appended the address it saw (203.0.113.9).
    expect(clientAddress({ peer: "10.0.0.1", forwardedFor: "6.6.6.6, 203.0.113.9, 10.1.2.3", trusted })).toBe("203.0.113.9");
  });

  it("rejects a setting that is not addresses or ranges", () => {
    expect(parseTrustedProxies("10.0.0.0/33")).toBeNull();
    expect(parseTrustedProxies("proxy.internal")).toBeNull();
    expect(parseTrustedProxies("fd00::/8, 127.0.0.1")).not.toBeNull();
  });
});
