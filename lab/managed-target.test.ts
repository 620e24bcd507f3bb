import net from "node:net";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "./start-lab";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ managedTargets: [{ name: "managed" }] });
});
afterAll(async () => lab?.stop());

const connect = (opts: { auth: boolean }) => {
  const t = lab.managedTargets[0];
  const c = new Redis({
    host: t.host, port: t.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null,
    tls: { ca: t.caPem, servername: t.servername },
    ...(opts.auth ? { username: t.username, password: t.password } : { enableReadyCheck: false }),
  });
  c.on("error", () => {});
  return c;
};

describe("lab managed target (TLS + ACL user, refuses RESTORE and REPLICAOF)", () => {
  it("accepts the ACL user over TLS verified against its CA, and type-level writes", async () => {
    const c = connect({ auth: true });
    try {
      await c.connect();
      expect(await c.call("ACL", "WHOAMI")).toBe(lab.managedTargets[0].username);
      await c.hset("h", "f", "v");
      expect(await c.hgetall("h")).toEqual({ f: "v" });
    } finally {
      c.disconnect();
    }
  });

  it("refuses RESTORE and REPLICAOF with the unknown-command error, and the default user", async () => {
    const c = connect({ auth: true });
    try {
      await c.connect();
      await c.set("k", "v");
      const payload = await c.dumpBuffer("k");
      await expect(c.restore("k2", 0, payload)).rejects.toThrow(/^ERR unknown command 'restore'/);
      await expect(c.replicaof("127.0.0.1", 1)).rejects.toThrow(/^ERR unknown command 'replicaof'/);
    } finally {
      c.disconnect();
    }
    const anonymous = connect({ auth: false });
    try {
      await anonymous.connect();
      await expect(anonymous.get("k")).rejects.toThrow(/NOAUTH/);
    } finally {
      anonymous.disconnect();
    }
  });

  it("speaks no plaintext, and the admin API lists it with its CA but without the password", async () => {
    const t = lab.managedTargets[0];
    const reply = await new Promise<string>((resolve) => {
      const s = net.connect(t.port, t.host, () => s.write("PING\r\n"));
      let buf = "";
      s.on("data", (d) => (buf += d.toString("latin1")));
      s.on("close", () => resolve(buf));
      s.on("error", () => resolve(buf));
      s.setTimeout(1000, () => s.destroy());
    });
    expect(reply).not.toContain("PONG");
    const state = (await (await fetch(`${lab.endpoint}/_lab/state`)).json()) as { managedTargets: Record<string, unknown>[] };
    expect(state.managedTargets[0]).toMatchObject({ name: "managed", port: t.port, tls: true, username: "ferry", caPem: expect.stringContaining("BEGIN CERTIFICATE") });
    expect(JSON.stringify(state)).not.toContain(t.password);
  });
});
