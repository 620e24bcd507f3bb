import { startTcpRelay, type RelayConnection } from "./tcp-relay";

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

/** The endpoint of a lab serverless cache: a TCP relay whose upstream can move under live clients. */
export async function startServerlessProxy(initialPort: number): Promise<ServerlessProxy> {
  let upstreamPort = initialPort;
  let switching = false;
  // While switching, client bytes wait; replies still drain from the old upstream.
  const relay = await startTcpRelay({
    holds: (direction) => direction === "up" && switching,
    onConnection: (c) => {
      if (!switching) c.attach(upstreamPort);
    },
  });

  async function drained(c: RelayConnection): Promise<void> {
    const deadline = Date.now() + MAX_DRAIN_MS;
    while (Date.now() < deadline && Date.now() - c.lastUpstreamData < QUIET_MS) await new Promise((r) => setTimeout(r, QUIET_MS / 2));
  }

  return {
    host: relay.host,
    port: relay.port,
    get upstreamPort() {
      return upstreamPort;
    },
    connections: () => relay.connections.size,
    async switchTo(next, beforeSwitch) {
      switching = true;
      await new Promise((r) => setTimeout(r, QUIET_MS));
      await Promise.all([...relay.connections].map(drained));
      try {
        await beforeSwitch?.();
        upstreamPort = next;
      } finally {
        switching = false;
        for (const c of relay.connections) c.attach(upstreamPort);
      }
    },
    close: relay.close,
  };
}
