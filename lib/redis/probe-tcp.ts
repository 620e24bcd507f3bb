import "server-only";
import net from "node:net";

export type TcpProbeResult =
  | { reachable: true; host: string; port: number; ms: number }
  | { reachable: false; host: string; port: number; ms: number; code: string; message: string };

/**
 * One TCP connect with a deadline, then close. Separates "the network path is open" from "Redis
 * answered", so a later timeout can be blamed on TLS or protocol rather than on the firewall.
 */
export function probeTcp(opts: { host: string; port: number; timeoutMs?: number }): Promise<TcpProbeResult> {
  const { host, port } = opts;
  const timeoutMs = opts.timeoutMs ?? 3_000;
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let settled = false;
    const finish = (result: TcpProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ reachable: false, host, port, ms: Date.now() - started, code: "ETIMEDOUT", message: `no TCP answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
    socket.once("connect", () => finish({ reachable: true, host, port, ms: Date.now() - started }));
    socket.once("error", (err: NodeJS.ErrnoException) =>
      finish({ reachable: false, host, port, ms: Date.now() - started, code: err.code ?? "ERROR", message: err.message }),
    );
  });
}
