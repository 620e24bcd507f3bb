import net from "node:net";

/** "up": client to upstream; "down": upstream to client. */
export type TRelayDirection = "up" | "down";

/**
 * One client of a relay. Bytes either way are queued and go on, in order, whenever `holds` lets
 * their direction through: the link proxy holds both ways while a stall is injected, the serverless
 * endpoint holds the client's bytes while it moves the upstream under them.
 */
export class RelayConnection {
  upstream?: net.Socket;
  lastUpstreamData = 0;
  private readonly queued: Record<TRelayDirection, Buffer[]> = { up: [], down: [] };

  constructor(
    readonly client: net.Socket,
    private readonly holds: (direction: TRelayDirection) => boolean,
  ) {
    client.on("data", (buf) => this.send("up", buf));
  }

  /** Connects a new upstream; the one it replaces closes without closing the client. */
  attach(port: number, host = "127.0.0.1"): void {
    const old = this.upstream;
    const up = net.connect(port, host);
    this.upstream = up;
    old?.destroy();
    up.on("data", (buf) => {
      this.lastUpstreamData = Date.now();
      this.send("down", buf);
    });
    const end = () => {
      if (this.upstream === up) this.client.destroy();
    };
    up.on("close", end).on("error", end);
    this.flush();
  }

  flush(): void {
    for (const direction of ["up", "down"] as const) {
      const to = direction === "up" ? this.upstream : this.client;
      const queue = this.queued[direction];
      while (to && !to.destroyed && queue.length && !this.holds(direction)) to.write(queue.shift()!);
    }
  }

  close(): void {
    const up = this.upstream;
    this.upstream = undefined;
    up?.destroy();
    this.client.destroy();
  }

  private send(direction: TRelayDirection, buf: Buffer): void {
    this.queued[direction].push(buf);
    this.flush();
  }
}

export type TcpRelay = { host: "127.0.0.1"; port: number; connections: ReadonlySet<RelayConnection>; close(): void };

type TRelayOptions = {
  holds: (direction: TRelayDirection) => boolean;
  /** Attaches the new client's upstream, or leaves it unattached (its bytes wait) for later. */
  onConnection: (c: RelayConnection) => void;
  /** Re-tries held bytes this often, for a `holds` that changes without telling the relay. */
  flushEveryMs?: number;
};

/** A TCP relay on a free loopback port. */
export function startTcpRelay({ holds, onConnection, flushEveryMs }: TRelayOptions): Promise<TcpRelay> {
  const connections = new Set<RelayConnection>();
  const server = net.createServer((client) => {
    const c = new RelayConnection(client, holds);
    connections.add(c);
    const timer = flushEveryMs ? setInterval(() => c.flush(), flushEveryMs) : undefined;
    const end = () => {
      clearInterval(timer);
      connections.delete(c);
      c.close();
    };
    client.on("close", end).on("error", end);
    onConnection(c);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        host: "127.0.0.1",
        port,
        connections,
        close() {
          for (const c of connections) c.close();
          server.close();
        },
      });
    });
  });
}
