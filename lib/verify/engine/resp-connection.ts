import "server-only";
import net from "node:net";
import type tls from "node:tls";
import { AppError } from "@/lib/errors";
import { endpointTlsOptions, openSocket } from "@/lib/redis/open-socket";
import { encodeCommands, type CommandArg } from "./resp-encode";
import { RespError, RespReader, type RespReply } from "./resp-parser";

export type RespEndpoint = {
  host: string;
  port: number;
  username?: string;
  password?: string;
  /** true or Node TLS options (ElastiCache in-transit encryption). */
  tls?: boolean | tls.ConnectionOptions;
  connectTimeoutMs?: number;
  /** Longest silence allowed while a reply is owed (default REPLY_TIMEOUT_MS): a frozen server fails the run instead of hanging it. */
  replyTimeoutMs?: number;
  /** Which end this is, for messages ("source 10.0.0.5:6379 sent no reply for 10 s"). */
  label?: string;
};

export const REPLY_TIMEOUT_MS = 10_000;

type Pending = {
  count: number;
  replies: RespReply[] | null;
  pieces: Buffer[] | null;
  piecesCount: number;
  resolve: (r: never) => void;
  reject: (e: Error) => void;
};

/**
 * One socket that sends whole batches and resolves one promise per batch. It exposes no
 * generic "send anything" to callers outside lib/verify: the engine only issues the read
 * commands it needs (SCAN, DUMP, PTTL, TYPE, length and range reads, INFO, SELECT).
 */
export class RespConnection {
  private readonly queue: Pending[] = [];
  private head = 0;
  private failure: Error | null = null;
  /** Last time the server showed life while a reply was owed (a byte arrived, or the wait began). */
  private lastProgressAt = Date.now();
  private deadline: NodeJS.Timeout | null = null;
  private readonly reader = new RespReader({
    rawWanted: () => {
      const p = this.queue[this.head];
      return !p ? -1 : p.pieces ? p.count - p.piecesCount : 0;
    },
    reply: (reply) => this.onReply(reply),
    rawPiece: (piece, n) => this.onRawPiece(piece, n),
  });

  private constructor(
    private readonly socket: net.Socket,
    private readonly replyTimeoutMs: number,
    private readonly name: string,
  ) {
    socket.on("data", (chunk: Buffer) => {
      this.lastProgressAt = Date.now();
      try {
        this.reader.push(chunk);
      } catch (err) {
        this.fail(err as Error);
      }
    });
    socket.on("error", (err) => this.fail(err));
    socket.on("close", () => this.fail(new AppError("REDIS_ERROR", "connection closed during verification")));
  }

  static async open(ep: RespEndpoint): Promise<RespConnection> {
    const socket = await connectSocket(ep);
    const conn = new RespConnection(socket, ep.replyTimeoutMs ?? REPLY_TIMEOUT_MS, `${ep.label ?? "redis"} ${ep.host}:${ep.port}`);
    if (ep.password) {
      const auth = ep.username ? ["AUTH", ep.username, ep.password] : ["AUTH", ep.password];
      const [reply] = await conn.send([auth]);
      if (reply instanceof RespError) {
        conn.close();
        throw new AppError("REDIS_AUTH_FAILED", `Redis at ${ep.host}:${ep.port} refused the credentials`);
      }
    }
    return conn;
  }

  send(commands: CommandArg[][]): Promise<RespReply[]> {
    return this.sendEncoded(encodeCommands(commands), commands.length);
  }

  /** Writes an already encoded batch that yields `count` parsed replies. */
  sendEncoded(payload: Buffer, count: number): Promise<RespReply[]> {
    return this.enqueue(payload, count, false);
  }

  /** Writes an already encoded batch and resolves with the raw bytes of its `count` replies. */
  sendEncodedRaw(payload: Buffer, count: number): Promise<Buffer> {
    return this.enqueue(payload, count, true);
  }

  private enqueue<T>(payload: Buffer, count: number, raw: boolean): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    if (count === 0) return Promise.resolve((raw ? Buffer.alloc(0) : []) as T);
    return new Promise<T>((resolve, reject) => {
      if (this.head === this.queue.length) this.lastProgressAt = Date.now();
      this.armDeadline();
      this.queue.push({ count, replies: raw ? null : [], pieces: raw ? [] : null, piecesCount: 0, resolve, reject });
      this.socket.write(payload);
    });
  }

  close(): void {
    this.failure ??= new AppError("REDIS_ERROR", "connection closed");
    this.socket.destroy();
    this.fail(this.failure);
  }

  /** How long a reply has been owed with no byte from the server; 0 when nothing is owed. */
  stalledMs(): number {
    return this.head < this.queue.length ? Date.now() - this.lastProgressAt : 0;
  }

  /** One timer per connection, re-armed lazily: bytes arriving only move lastProgressAt. */
  private armDeadline(): void {
    if (this.deadline) return;
    const check = () => {
      this.deadline = null;
      if (this.failure || this.head >= this.queue.length) return;
      const silent = Date.now() - this.lastProgressAt;
      if (silent < this.replyTimeoutMs) {
        this.deadline = setTimeout(check, this.replyTimeoutMs - silent);
        return;
      }
      const secs = Math.round(this.replyTimeoutMs / 100) / 10;
      this.fail(new AppError("REDIS_TIMEOUT", `${this.name} sent no reply for ${secs} s`));
      this.socket.destroy();
    };
    this.deadline = setTimeout(check, this.replyTimeoutMs);
  }

  private onReply(reply: RespReply): void {
    const p = this.queue[this.head];
    p.replies!.push(reply);
    if (p.replies!.length === p.count) this.finishHead(p.replies as never);
  }

  private onRawPiece(piece: Buffer, n: number): void {
    const p = this.queue[this.head];
    p.pieces!.push(piece);
    p.piecesCount += n;
    if (p.piecesCount === p.count) {
      this.finishHead((p.pieces!.length === 1 ? p.pieces![0] : Buffer.concat(p.pieces!)) as never);
    }
  }

  private finishHead(value: never): void {
    const p = this.queue[this.head];
    this.queue[this.head++] = undefined as unknown as Pending;
    if (this.head === this.queue.length) {
      // Nothing more owed: start over, so a long-lived link that waits on each reply (the monitor's)
      // reuses one slot instead of growing its queue to 1,024 holes.
      this.queue.length = 0;
      this.head = 0;
    } else if (this.head > 1024) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    p.resolve(value);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = null;
    while (this.head < this.queue.length) this.queue[this.head++]?.reject(this.failure);
  }
}

async function connectSocket(ep: RespEndpoint): Promise<net.Socket> {
  const timeout = ep.connectTimeoutMs ?? 10_000;
  const tlsOptions = typeof ep.tls === "object" ? ep.tls : ep.tls ? endpointTlsOptions({ host: ep.host, tls: true }) : false;
  try {
    return await openSocket({ host: ep.host, port: ep.port, tls: tlsOptions, connectTimeoutMs: timeout });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ETIMEDOUT") throw new AppError("REDIS_TIMEOUT", `no connection to ${ep.host}:${ep.port} within ${timeout} ms`);
    const appCode = code === "ECONNREFUSED" ? "REDIS_REFUSED" : code === "ENOTFOUND" ? "REDIS_DNS" : "REDIS_ERROR";
    throw new AppError(appCode, `cannot connect to ${ep.host}:${ep.port}: ${(err as Error).message}`);
  }
}
