import "server-only";
import { openSocket } from "./open-socket";

export type TcpProbeResult =
  | { reachable: true; host: string; port: number; ms: number }
  | { reachable: false; host: string; port: number; ms: number; code: string; message: string };

/**
 * One TCP connect with a deadline, then close. Separates "the network path is open" from "Redis
 * answered", so a later timeout can be blamed on TLS or protocol rather than on the firewall.
 */
export async function probeTcp(opts: { host: string; port: number; timeoutMs?: number }): Promise<TcpProbeResult> {
  const { host, port } = opts;
  const timeoutMs = opts.timeoutMs ?? 3_000;
  const started = Date.now();
  try {
    const socket = await openSocket({ host, port, connectTimeoutMs: timeoutMs });
    socket.destroy();
    return { reachable: true, host, port, ms: Date.now() - started };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "ERROR";
    const message = code === "ETIMEDOUT" ? `no TCP answer within ${timeoutMs} ms` : (err as Error).message;
    return { reachable: false, host, port, ms: Date.now() - started, code, message };
  }
}
