import "server-only";
import net from "node:net";
import type { TRedisEndpoint } from "./endpoint";
import { endpointTlsOptions, openSocket } from "./open-socket";

/**
 * A raw socket with a tiny line reader for the request/response part of the replication
 * handshake. ioredis cannot be used here: it would parse the RDB payload as RESP, and the
 * read-only source wrapper (rightly) refuses REPLCONF/PSYNC.
 */
export type HandshakeSocket = {
  socket: net.Socket;
  /** Sends one command as a RESP array (arguments never logged: AUTH carries the password). */
  send(args: string[]): void;
  /**
   * The next `\r\n`-terminated line, skipping the bare "\n" keepalives a master sends while it
   * prepares the RDB. `idleMs` is silence allowed: keepalives reset it, so a long fork is fine.
   */
  readLine(idleMs: number): Promise<string>;
  /** Stops line reading and returns whatever arrived after the last line (the start of the payload). */
  detach(): Buffer;
};

export async function openHandshakeSocket(endpoint: TRedisEndpoint, connectMs: number): Promise<HandshakeSocket> {
  const socket = await openSocket({ host: endpoint.host, port: endpoint.port, tls: endpointTlsOptions(endpoint), connectTimeoutMs: connectMs });
  let buf: Buffer = Buffer.alloc(0);
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let lastDataAt = Date.now();
  const onData = (chunk: Buffer) => {
    lastDataAt = Date.now();
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    wake?.();
  };
  const onEnd = () => {
    failure ??= Object.assign(new Error("Connection is closed."), { code: "ECONNRESET" });
    wake?.();
  };
  const onError = (err: Error) => {
    failure ??= err;
    wake?.();
  };
  socket.on("data", onData);
  socket.on("end", onEnd);
  socket.on("close", onEnd);
  socket.on("error", onError);

  const takeLine = (): string | null => {
    let start = 0;
    while (start < buf.length && buf[start] === 0x0a) start++;
    const cr = buf.indexOf("\r\n", start);
    if (cr < 0) {
      buf = buf.subarray(start);
      return null;
    }
    const line = buf.toString("latin1", start, cr);
    buf = buf.subarray(cr + 2);
    return line;
  };

  return {
    socket,
    send(args) {
      const parts = [`*${args.length}\r\n`];
      for (const a of args) parts.push(`$${Buffer.byteLength(a)}\r\n${a}\r\n`);
      socket.write(parts.join(""));
    },
    async readLine(idleMs) {
      const asked = Date.now();
      for (;;) {
        const line = takeLine();
        if (line !== null) return line;
        if (failure) throw failure;
        const left = Math.max(asked, lastDataAt) + idleMs - Date.now();
        if (left <= 0) throw Object.assign(new Error("Timed out waiting for the server's answer"), { code: "ETIMEDOUT" });
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            wake = null;
            resolve();
          };
        });
      }
    },
    detach() {
      socket.off("data", onData);
      socket.off("end", onEnd);
      socket.off("close", onEnd);
      socket.off("error", onError);
      socket.pause();
      const rest = buf;
      buf = Buffer.alloc(0);
      return rest;
    },
  };
}
