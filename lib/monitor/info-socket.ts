import "server-only";
import type net from "node:net";
import { AppError } from "../errors";
import type { TRedisEndpoint } from "../redis/endpoint";
import { endpointTlsOptions, openSocket } from "../redis/open-socket";
import { readOnlyRefusal } from "../redis/read-only-refusal";
import { encodeCommands } from "../verify/engine/resp-encode";
import { infoCommands, type TInfoPlan } from "./info-plan";

/** An encoded tick request: `INFO <section>` per section of a plan, pipelined. */
export type TInfoRequest = { payload: Buffer; count: number };

// Encoded once per plan (four plans exist) and checked once against the read-only allow-list.
const requests = new Map<string, TInfoRequest>();
export function infoRequest(plan: TInfoPlan): TInfoRequest {
  const key = `${plan.slow}/${plan.persistence}`;
  let r = requests.get(key);
  if (!r) {
    const commands = infoCommands(plan);
    for (const [name, ...args] of commands) {
      const refusal = readOnlyRefusal(name, args);
      if (refusal) throw refusal;
    }
    requests.set(key, (r = { payload: encodeCommands(commands), count: commands.length }));
  }
  return r;
}

type TReply = string | AppError;
type TOwed = { count: number; replies: TReply[]; done: (replies: TReply[] | Error) => void };

/**
 * The sampler's connection to one end. It can send nothing but the INFO requests above (plus
 * AUTH and CLIENT SETNAME while it opens), and reads only the three reply types those get:
 * bulk strings, simple strings and errors. The sampler reads 200 ends a second through these,
 * so a read is one write and one callback, with the INFO text sliced straight out of the
 * socket's bytes: the general RESP connection of lib/verify (a promise, a queue entry and a
 * Buffer view per reply) cost the sampler's reading 1.26x what the bare minimum costs
 * (bench/monitor.ts, "where the ratio goes").
 */
export class InfoSocket {
  private buf: Buffer | null = null;
  private readonly owed: TOwed[] = [];
  private failure: Error | null = null;
  /** When the oldest reply still owed was asked for (read only while something is owed). */
  private owedSince = 0;

  private constructor(private readonly socket: net.Socket) {
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (err) => this.fail(err));
    socket.on("close", () => this.fail(new AppError("REDIS_ERROR", "connection closed")));
  }

  static async open(endpoint: TRedisEndpoint, o: { connectTimeoutMs: number; name: string }): Promise<InfoSocket> {
    const socket = await openSocket({ host: endpoint.host, port: endpoint.port, tls: endpointTlsOptions(endpoint) ?? false, connectTimeoutMs: o.connectTimeoutMs });
    const s = new InfoSocket(socket);
    try {
      if (endpoint.password) {
        const auth = endpoint.username ? ["AUTH", endpoint.username, endpoint.password] : ["AUTH", endpoint.password];
        const [reply] = await s.send(encodeCommands([auth]), 1);
        if (reply instanceof AppError) throw new AppError("REDIS_AUTH_FAILED", `Redis at ${endpoint.host}:${endpoint.port} refused the credentials`);
      }
      // Named so operators can tell the monitor's connections apart in CLIENT LIST; an ACL that
      // refuses CLIENT only costs the name.
      await s.send(encodeCommands([["CLIENT", "SETNAME", o.name]]), 1);
    } catch (err) {
      s.close();
      throw err;
    }
    return s;
  }

  /** One request; `done` gets its replies in order (an error reply as an AppError), or the connection's failure. */
  request(req: TInfoRequest, done: TOwed["done"]): void {
    if (this.failure) return done(this.failure);
    if (this.owed.length === 0) this.owedSince = Date.now();
    this.owed.push({ count: req.count, replies: [], done });
    this.socket.write(req.payload);
  }

  /** How long the oldest owed reply has been waited for; 0 when nothing is owed. */
  owedForMs(): number {
    return this.owed.length ? Date.now() - this.owedSince : 0;
  }

  close(): void {
    this.socket.destroy();
    this.fail(new AppError("REDIS_ERROR", "connection closed"));
  }

  private send(payload: Buffer, count: number): Promise<TReply[]> {
    return new Promise((resolve, reject) => this.request({ payload, count }, (r) => (r instanceof Error ? reject(r) : resolve(r))));
  }

  private onData(chunk: Buffer): void {
    const buf = this.buf ? Buffer.concat([this.buf, chunk]) : chunk;
    let pos = 0;
    while (this.owed.length) {
      const head = this.owed[0];
      const nl = buf.indexOf(13, pos);
      if (nl < 0 || nl + 1 >= buf.length) break;
      const type = buf[pos];
      let reply: TReply;
      let next: number;
      if (type === 36 /* $ */) {
        const len = Number(buf.toString("latin1", pos + 1, nl));
        if (!Number.isInteger(len)) return this.fail(new AppError("REDIS_NOT_REDIS", "a bulk reply to INFO without a valid length"));
        if (len < 0) {
          reply = ""; // a null bulk string; INFO never answers one
          next = nl + 2;
        } else {
          if (buf.length < nl + 2 + len + 2) break;
          reply = buf.toString("latin1", nl + 2, nl + 2 + len);
          next = nl + 2 + len + 2;
        }
      } else if (type === 43 /* + */ || type === 45 /* - */) {
        const line = buf.toString("latin1", pos + 1, nl);
        reply = type === 45 ? new AppError("REDIS_ERROR", line.slice(0, 300)) : line;
        next = nl + 2;
      } else {
        return this.fail(new AppError("REDIS_NOT_REDIS", `unexpected reply type ${JSON.stringify(String.fromCharCode(type))} to INFO`));
      }
      pos = next;
      head.replies.push(reply);
      if (head.replies.length === head.count) {
        this.owed.shift();
        this.owedSince = Date.now();
        head.done(head.replies);
      }
    }
    if (this.owed.length === 0 && pos < buf.length) return this.fail(new AppError("REDIS_ERROR", "reply received with no request waiting"));
    this.buf = pos < buf.length ? buf.subarray(pos) : null;
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.socket.destroy();
    for (const o of this.owed.splice(0)) o.done(this.failure);
  }
}
