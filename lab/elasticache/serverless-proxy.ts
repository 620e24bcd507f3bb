import net from "node:net";

export type ServerlessProxy = {
  host: "127.0.0.1";
  port: number;
  /** Where new connections go now. */
  readonly upstreamPort: number;
  /** Client connections open through the endpoint. */
  connections(): number;
  /**
   * Moves every client to `port` without dropping one: client bytes are held from now on, each
   * connection's in-flight replies drain from the old upstream (quiet for QUIET_MS), `beforeSwitch`
   * runs (the cutover's last sync + promotion), then each connection gets a new upstream and its
   * held bytes, in order. New connections meanwhile wait and then go to `port`.
   */
  switchTo(port: number, beforeSwitch?: () => Promise<void>): Promise<void>;
  close(): void;
};

/** How long an old upstream must stay silent before its connection counts as drained. */
export const QUIET_MS = 40;
const MAX_DRAIN_MS = 1_000;

type Conn = { client: net.Socket; upstream?: net.Socket; held: Buffer[] | null; lastUpstreamData: number };

/** The endpoint of a lab serverless cache: a TCP relay whose upstream can move under live clients. */
export function startServerlessProxy(initialPort: number): Promise<ServerlessProxy> {
  const conns = new Set<Conn>();
  let upstreamPort = initialPort;
  let switching = false;

  const attach = (c: Conn, port: number) => {
    const up = net.connect(port, "127.0.0.1");
    c.upstream = up;
    up.on("data", (buf) => {
      c.lastUpstreamData = Date.now();
      c.client.write(buf);
    });
    const end = () => {
      if (c.upstream === up) c.client.destroy();
    };
    up.on("close", end).on("error", end);
  };

  const server = net.createServer((client) => {
    const c: Conn = { client, held: switching ? [] : null, lastUpstreamData: 0 };
    conns.add(c);
    client.on("data", (buf) => (c.held ? c.held.push(buf) : c.upstream?.write(buf)));
    const end = () => {
      conns.delete(c);
      const up = c.upstream;
      c.upstream = undefined;
      up?.destroy();
    };
    client.on("close", end).on("error", end);
    if (!switching) attach(c, upstreamPort);
  });

  async function drained(c: Conn): Promise<void> {
    const deadline = Date.now() + MAX_DRAIN_MS;
    while (Date.now() < deadline && Date.now() - c.lastUpstreamData < QUIET_MS) await new Promise((r) => setTimeout(r, QUIET_MS / 2));
  }

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        host: "127.0.0.1",
        port,
        get upstreamPort() {
          return upstreamPort;
        },
        connections: () => conns.size,
        async switchTo(next, beforeSwitch) {
          switching = true;
          for (const c of conns) c.held ??= [];
          await new Promise((r) => setTimeout(r, QUIET_MS));
          await Promise.all([...conns].map(drained));
          try {
            await beforeSwitch?.();
            upstreamPort = next;
          } finally {
            switching = false;
            for (const c of conns) {
              const old = c.upstream;
              c.upstream = undefined;
              old?.destroy();
              attach(c, upstreamPort);
              for (const buf of c.held ?? []) c.upstream!.write(buf);
              c.held = null;
            }
          }
        },
        close() {
          for (const c of conns) c.client.destroy();
          server.close();
        },
      });
    });
  });
}
