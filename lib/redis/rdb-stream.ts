import "server-only";
import { PassThrough, type Readable } from "node:stream";
import { AppError } from "../errors";
import { classifyRedisError } from "./classify-redis-error";
import { describeEndpoint, type TRedisEndpoint } from "./endpoint";
import { replicationRefused, type RdbUploadTarget } from "./rdb-stream-fallback";
import { RdbPayloadExtractor, parsePayloadHeader } from "./rdb-stream-payload";
import { openHandshakeSocket, type HandshakeSocket } from "./rdb-stream-socket";

export type RdbStreamProgress = { bytes: number; announcedBytes: number | null; elapsedMs: number };

export type RdbStreamResult = {
  /** "eof": diskless (the source forked and wrote to the socket, no file); "bulk": the source wrote an RDB file to its own dir first. */
  format: "eof" | "bulk";
  bytes: number;
  announcedBytes: number | null;
  /** The replication id and offset of the snapshot moment (+FULLRESYNC); null when only SYNC worked. */
  replId: string | null;
  offset: number | null;
  rdbVersion: number;
  /** Until the first payload byte: the fork, plus repl-diskless-sync-delay on diskless sources. */
  waitedMs: number;
  durationMs: number;
};

export type OpenRdbStreamOptions = {
  endpoint: TRedisEndpoint;
  /** Where an operator would upload a hand-made RDB; named in the fallback instructions. */
  fallbackTarget: RdbUploadTarget;
  connectMs?: number;
  /** Silence allowed at any point (the master sends a "\n" every second while it prepares the RDB). */
  idleMs?: number;
  onProgress?: (p: RdbStreamProgress) => void;
  progressEveryMs?: number;
  /** Bytes buffered between the socket and the consumer before the socket is paused. */
  highWaterMark?: number;
};

export type RdbStream = {
  body: Readable;
  /** Settles when the whole RDB went through `body` (verified end) or the stream failed. */
  done: Promise<RdbStreamResult>;
  /** Ends the stream early (the consumer failed): the source sees a replica disconnect. */
  cancel(reason: Error): void;
};

/**
 * Streams a full RDB of a self-managed Redis the way `redis-cli --rdb` does: AUTH, REPLCONF
 * rdb-only 1, REPLCONF capa eof, PSYNC ? -1 (SYNC if PSYNC is unknown), then the payload.
 *
 * Why this writes nothing on the source: the only commands sent are AUTH, REPLCONF and PSYNC/SYNC
 * (no REPLCONF ACK ever, no data command). `rdb-only` tells Redis >= 7 to send just the RDB, keep
 * no replication buffer for us and not create a backlog for us. A source with
 * `repl-diskless-sync no` (format "bulk") still writes its usual RDB file to its own dir, exactly
 * as any replica's full sync or a BGSAVE does; diskless sources ("eof") write no file at all.
 */
export async function openRdbStream(opts: OpenRdbStreamOptions): Promise<RdbStream> {
  const started = Date.now();
  const idleMs = opts.idleMs ?? 60_000;
  const where = describeEndpoint(opts.endpoint);
  let hs: HandshakeSocket;
  try {
    hs = await openHandshakeSocket(opts.endpoint, opts.connectMs ?? 5_000);
  } catch (err) {
    throw classifyRedisError(err, { where, tls: !!opts.endpoint.tls, connecting: true });
  }
  let preamble: { format: ReturnType<typeof parsePayloadHeader>; replId: string | null; offset: number | null };
  try {
    preamble = await handshake(hs, opts, idleMs);
  } catch (err) {
    hs.socket.destroy();
    throw err instanceof AppError ? err : classifyRedisError(err, { where, tls: !!opts.endpoint.tls });
  }
  const format = preamble.format!;
  const extractor = new RdbPayloadExtractor(format);
  const announcedBytes = format.kind === "bulk" ? format.length : null;
  const firstByteAt = Date.now();
  const body = new PassThrough({ highWaterMark: opts.highWaterMark ?? 4 * 1024 * 1024 });
  const socket = hs.socket;
  let settled = false;
  let resolveDone!: (r: RdbStreamResult) => void;
  let rejectDone!: (e: Error) => void;
  const done = new Promise<RdbStreamResult>((res, rej) => ((resolveDone = res), (rejectDone = rej)));
  done.catch(() => {}); // the caller awaits it; this only stops an "unhandled rejection" when it awaits the body first

  let lastProgress = 0;
  const progress = (force: boolean) => {
    const now = Date.now();
    if (!opts.onProgress || (!force && now - lastProgress < (opts.progressEveryMs ?? 500))) return;
    lastProgress = now;
    opts.onProgress({ bytes: extractor.bytes, announcedBytes, elapsedMs: now - started });
  };
  const fail = (err: Error) => {
    if (settled) return;
    settled = true;
    socket.destroy();
    body.destroy(err);
    rejectDone(err);
  };
  const finish = () => {
    if (settled) return;
    const version = extractor.rdbVersion();
    if (version === null || !extractor.endsLikeAnRdb()) {
      return fail(new AppError("REDIS_ERROR", `${where} sent ${extractor.bytes} bytes that do not form a complete RDB (bad magic or no EOF opcode before the checksum).`));
    }
    settled = true;
    socket.destroy(); // the source logs a replica disconnect; nothing else happens on its side
    progress(true);
    body.end();
    resolveDone({ format: format.kind, bytes: extractor.bytes, announcedBytes, replId: preamble.replId, offset: preamble.offset,
      rdbVersion: version, waitedMs: firstByteAt - started, durationMs: Date.now() - started });
  };
  let waitingForDrain = false;
  const onChunk = (chunk: Buffer) => {
    if (settled) return;
    let full = false;
    for (const seg of extractor.feed(chunk)) full = !body.write(seg) || full;
    if (extractor.bytes >= 9 && extractor.rdbVersion() === null) {
      return fail(new AppError("REDIS_NOT_REDIS", `${where} answered PSYNC, but the payload is not an RDB (no REDIS magic).`));
    }
    progress(false);
    if (extractor.done) return finish();
    if (full && !waitingForDrain) {
      waitingForDrain = true;
      socket.pause();
      body.once("drain", () => {
        waitingForDrain = false;
        socket.resume();
      });
    }
  };

  socket.setTimeout(idleMs, () => fail(new AppError("REDIS_TIMEOUT", `${where} sent nothing for ${Math.round(idleMs / 1000)} s in the middle of the RDB (${extractor.bytes} bytes in).`)));
  socket.on("error", (err) => fail(classifyRedisError(err, { where })));
  socket.on("close", () => fail(new AppError("REDIS_ERROR",
    `${where} closed the replication connection after ${extractor.bytes}${announcedBytes ? ` of ${announcedBytes}` : ""} bytes of the RDB. ` +
      "Its log says why (often client-output-buffer-limit replica, or a timeout while the fork ran).")));
  body.on("close", () => {
    if (!settled) fail(new AppError("REDIS_ERROR", "The RDB consumer stopped reading before the end."));
  });
  const leftover = hs.detach();
  socket.on("data", onChunk);
  if (leftover.length) onChunk(leftover);
  socket.resume();
  return { body, done, cancel: fail };
}

async function handshake(hs: HandshakeSocket, opts: OpenRdbStreamOptions, idleMs: number) {
  const { endpoint } = opts;
  const replyMs = Math.min(idleMs, 10_000);
  const refused = (line: string) => replicationRefused(endpoint, line.slice(1), opts.fallbackTarget);
  if (endpoint.password) {
    hs.send(endpoint.username ? ["AUTH", endpoint.username, endpoint.password] : ["AUTH", endpoint.password]);
    const line = await hs.readLine(replyMs);
    if (line.startsWith("-")) throw classifyRedisError(new Error(line.slice(1)), { where: describeEndpoint(endpoint) });
  }
  // The two REPLCONFs are pipelined; PSYNC is not: Redis refuses it while replies are still
  // pending on the connection ("SYNC and PSYNC are invalid with pending output").
  hs.send(["REPLCONF", "rdb-only", "1"]);
  hs.send(["REPLCONF", "capa", "eof"]);
  const rdbOnly = await hs.readLine(replyMs);
  // Servers before 7.0 do not know rdb-only: they then keep a replication buffer for us, which is harmless for the short transfer.
  if (rdbOnly.startsWith("-") && !/Unrecognized REPLCONF option/i.test(rdbOnly)) throw refused(rdbOnly);
  const capa = await hs.readLine(replyMs);
  if (capa.startsWith("-")) throw refused(capa);
  hs.send(["PSYNC", "?", "-1"]);
  let reply = await hs.readLine(idleMs);
  let replId: string | null = null;
  let offset: number | null = null;
  if (/^-ERR unknown command/i.test(reply)) {
    hs.send(["SYNC"]);
    reply = await hs.readLine(idleMs);
  } else if (reply.startsWith("+FULLRESYNC")) {
    const [, id, off] = reply.split(" ");
    replId = id ?? null;
    offset = off ? Number(off) : null;
    reply = await hs.readLine(idleMs);
  } else if (!reply.startsWith("$")) {
    throw refused(reply.startsWith("-") ? reply : `-${reply}`);
  }
  if (reply.startsWith("-")) throw refused(reply);
  const format = parsePayloadHeader(reply);
  if (!format) throw new AppError("REDIS_NOT_REDIS", `${describeEndpoint(endpoint)} answered PSYNC with "${reply.slice(0, 60)}", not an RDB header.`);
  return { format, replId, offset };
}
