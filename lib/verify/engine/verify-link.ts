import "server-only";
import { AppError } from "@/lib/errors";
import { RespConnection } from "./resp-connection";
import { encodePerKey, type CommandArg } from "./resp-encode";
import { RespError, type RespReply } from "./resp-parser";
import { readOnlyRefusal } from "@/lib/redis/read-only-refusal";
import type { VerifyClient, VerifySide } from "./types";

/** A batch of the same command for many keys; encoded once and sent to both ends. */
export class PerKeyBatch {
  private payload?: Buffer;
  // Read-only: a batch is encoded once, and the read-only link checks it once (batchRefusal).
  constructor(readonly verbs: readonly (readonly string[])[], readonly keys: readonly Buffer[]) {}
  get count(): number {
    return this.verbs.length * this.keys.length;
  }
  encoded(): Buffer {
    this.payload ??= Buffer.concat(this.verbs.map((v) => encodePerKey(v, this.keys)));
    return this.payload;
  }
}

/**
 * What the engine needs from one connection: pipelined batches, verb-major per-key batches,
 * and (when the transport allows) the raw reply bytes of a batch for one memcmp per batch.
 */
export interface VerifyLink {
  send(commands: CommandArg[][]): Promise<RespReply[]>;
  perKey(batch: PerKeyBatch): Promise<RespReply[]>;
  /** Raw reply bytes when the transport can give them, parsed replies otherwise. */
  perKeyRaw(batch: PerKeyBatch): Promise<Buffer | RespReply[]>;
  /** How long a reply has been owed without a byte arriving (0 when nothing is owed or unknown). */
  stalledMs(): number;
  close(): void;
}

class SocketLink implements VerifyLink {
  constructor(private readonly conn: RespConnection) {}
  send(commands: CommandArg[][]) {
    return this.conn.send(commands);
  }
  perKey(batch: PerKeyBatch) {
    return this.conn.sendEncoded(batch.encoded(), batch.count);
  }
  perKeyRaw(batch: PerKeyBatch) {
    return this.conn.sendEncodedRaw(batch.encoded(), batch.count);
  }
  stalledMs() {
    return this.conn.stalledMs();
  }
  close() {
    this.conn.close();
  }
}

/** Through a caller's client (e.g. the read-only guard): slower, one pipeline per batch. */
class ClientLink implements VerifyLink {
  constructor(private readonly client: VerifyClient) {}
  async send(commands: CommandArg[][]): Promise<RespReply[]> {
    if (commands.length === 0) return [];
    const p = this.client.pipeline();
    // Upper case keeps ioredis's reply transformers off (its HGETALL one turns the flat array
    // into an object keyed by strings, losing binary fields); lower-case SELECT keeps its db tracking.
    for (const [name, ...args] of commands) {
      const cmd = String(name).toUpperCase();
      p.callBuffer(cmd === "SELECT" ? "select" : cmd, ...args);
    }
    const results = await p.exec();
    if (!results) throw new AppError("REDIS_ERROR", "pipeline was discarded");
    return results.map(([err, value]) => (err ? new RespError(err.message) : (value as RespReply)));
  }
  perKey(batch: PerKeyBatch) {
    const commands: CommandArg[][] = [];
    for (const verb of batch.verbs) for (const key of batch.keys) commands.push([...verb, key]);
    return this.send(commands);
  }
  perKeyRaw(batch: PerKeyBatch) {
    return this.perKey(batch);
  }
  stalledMs() {
    return 0; // the caller's client enforces its own command timeout
  }
  close() {
    // The caller owns the client.
  }
}

/**
 * A lean socket to a source: every command is checked against the same allow-list as the
 * read-only ioredis guard before it is written, so the fast path is read-only by construction
 * too. Per-key batches are checked once per verb, which keeps the check off the hot loop.
 */
class ReadOnlyLink implements VerifyLink {
  constructor(private readonly inner: VerifyLink) {}
  async send(commands: CommandArg[][]) {
    for (const [name, ...args] of commands) refuseWrite(String(name), args);
    return this.inner.send(commands);
  }
  perKey(batch: PerKeyBatch) {
    const refusal = batchRefusal(batch);
    return refusal ? Promise.reject(refusal) : this.inner.perKey(batch);
  }
  perKeyRaw(batch: PerKeyBatch) {
    const refusal = batchRefusal(batch);
    return refusal ? Promise.reject(refusal) : this.inner.perKeyRaw(batch);
  }
  stalledMs() {
    return this.inner.stalledMs();
  }
  close() {
    this.inner.close();
  }
}

// A batch is immutable and may be sent more than once (to both ends, or again after a retry):
// checked once.
const allowedBatches = new WeakSet<PerKeyBatch>();
function batchRefusal(batch: PerKeyBatch): Error | null {
  if (allowedBatches.has(batch)) return null;
  try {
    for (const [name, ...args] of batch.verbs) refuseWrite(name, args);
  } catch (err) {
    return err as Error;
  }
  allowedBatches.add(batch);
  return null;
}

function refuseWrite(name: string, args: CommandArg[]): void {
  const refusal = readOnlyRefusal(name, args.map((a) => (Buffer.isBuffer(a) ? a.toString("latin1") : String(a))));
  if (refusal) throw refusal;
}

/** `label` names the end in errors ("source", "target"); replyTimeoutMs bounds every reply. */
export async function openLink(side: VerifySide, o: { label?: string; replyTimeoutMs?: number } = {}): Promise<VerifyLink> {
  if ("client" in side) return new ClientLink(side.client);
  const link = new SocketLink(await RespConnection.open({ label: o.label, replyTimeoutMs: o.replyTimeoutMs, ...side.endpoint }));
  return side.readOnly ? new ReadOnlyLink(link) : link;
}

export function isError(r: RespReply): r is RespError {
  return r instanceof RespError;
}

/** Throws a typed error for a reply error where the engine cannot continue without the answer. */
export function expectOk<T extends RespReply>(r: RespReply, what: string): T {
  if (r instanceof RespError) throw new AppError("REDIS_ERROR", `${what} failed: ${r.message}`);
  return r as T;
}
