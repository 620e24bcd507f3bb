import net from "node:net";

export type LinkProxy = { host: "127.0.0.1"; port: number; close(): void };

/**
 * A loopback TCP relay between the target's primary and the customer's source that forwards
 * nothing while `stalled()` is true. It lets tests hold a migration in "link down / sync in
 * progress" for as long as they like with real Redis at both ends, then let it through.
 */
export function startLinkProxy(target: { host: string; port: number }, stalled: () => boolean): Promise<LinkProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const pending: [net.Socket, Buffer][] = [];
    const flush = () => {
      while (!stalled() && pending.length) {
        const [to, buf] = pending.shift()!;
        if (!to.destroyed) to.write(buf);
      }
    };
    const timer = setInterval(flush, 50);
    const relay = (from: net.Socket, to: net.Socket) =>
      from.on("data", (buf) => {
        pending.push([to, buf]);
        flush();
      });
    relay(client, upstream);
    relay(upstream, client);
    const end = () => {
      clearInterval(timer);
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        host: "127.0.0.1",
        port,
        close() {
          for (const s of sockets) s.destroy();
          server.close();
        },
      });
    });
  });
}
