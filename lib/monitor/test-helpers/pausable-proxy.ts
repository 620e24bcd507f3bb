import net from "node:net";

/**
 * A TCP relay between a replica and its primary that can hold every byte: the replica's link
 * stays "up" while the primary's writes pile up, so byte lag is real and exactly known.
 */
export async function startPausableProxy(targetPort: number): Promise<{ port: number; pause(): void; resume(): void; close(): Promise<void> }> {
  let paused = false;
  const pairs: { a: net.Socket; b: net.Socket }[] = [];
  const server = net.createServer((a) => {
    const b = net.connect(targetPort, "127.0.0.1");
    pairs.push({ a, b });
    a.pipe(b);
    b.pipe(a);
    if (paused) b.pause();
    const end = () => {
      a.destroy();
      b.destroy();
    };
    a.on("error", end).on("close", end);
    b.on("error", end).on("close", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as net.AddressInfo).port,
    // Only the primary -> replica direction is held; REPLCONF ACKs still flow.
    pause: () => {
      paused = true;
      for (const p of pairs) p.b.pause();
    },
    resume: () => {
      paused = false;
      for (const p of pairs) p.b.resume();
    },
    close: () =>
      new Promise<void>((r) => {
        for (const p of pairs) {
          p.a.destroy();
          p.b.destroy();
        }
        server.close(() => r());
      }),
  };
}
