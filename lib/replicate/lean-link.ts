import "server-only";
import { AppError } from "../errors";
import { targetWriteRefusal } from "./target-write-refusal";
import type { TReplicationEnd } from "./types";
import { isError, openLink, redisEndpointToResp, type PerKeyBatch, type VerifyLink } from "./verify-bridge";

type CommandArg = string | Buffer | number;

/**
 * One db of one end over the verification engine's lean socket: whole batches encoded once, no
 * per-command promise. A source link has the source allow-list (read-only); a target link the
 * replicator's write allow-list (no FLUSHALL/FLUSHDB). Every write to a target db goes through its
 * one link, and a batch is written to the socket in the call that sends it, so Redis applies
 * writes in the order Ferry decided them (see key-queue.ts). A failed socket is dropped and
 * reopened on the next use.
 */
export class LeanLink {
  private link: Promise<VerifyLink> | null = null;
  private closed = false;

  constructor(private readonly end: TReplicationEnd, private readonly db: number, private readonly role: "source" | "target") {}

  async run<T>(fn: (link: VerifyLink) => Promise<T>): Promise<T> {
    if (this.closed) throw new AppError("REDIS_ERROR", "the replicator was stopped");
    const pending = (this.link ??= this.open());
    try {
      return await fn(await pending);
    } catch (err) {
      if (this.link === pending && !isReplyError(err)) {
        this.link = null;
        void pending.then((l) => l.close(), () => {});
      }
      throw err;
    }
  }

  /** Sends commands and throws the first error reply. */
  async send(commands: CommandArg[][]): Promise<unknown[]> {
    const replies = await this.run((l) => l.send(commands));
    const failed = replies.find(isError);
    if (failed) throw failed;
    return replies;
  }

  private async open(): Promise<VerifyLink> {
    const inner = await openLink({ endpoint: redisEndpointToResp(this.end.redis), readOnly: this.role === "source" });
    const link = this.role === "target" ? guardTarget(inner) : inner;
    const [reply] = await link.send([["SELECT", this.db]]);
    if (isError(reply)) {
      link.close();
      throw new AppError("REDIS_ERROR", `SELECT ${this.db} failed on ${this.end.label}: ${reply.message}`);
    }
    return link;
  }

  close(): void {
    this.closed = true;
    void this.link?.then((l) => l.close(), () => {});
    this.link = null;
  }
}

function isReplyError(err: unknown): boolean {
  return err instanceof Error && err.name !== "AppError" && !/closed|ECONN|EPIPE|timeout/i.test(err.message);
}

/** Checks every command before anything is written (synchronously, so the write stays in call order). */
function guardTarget(inner: VerifyLink): VerifyLink {
  // Only the name and its first argument (a subcommand) decide: payloads are never turned into strings.
  const check = (name: CommandArg, args: CommandArg[]) => {
    const first = args.length === 0 ? [] : [Buffer.isBuffer(args[0]) ? args[0].toString("latin1") : String(args[0])];
    const refusal = targetWriteRefusal(String(name), first);
    if (refusal) throw refusal;
  };
  return {
    send(commands) {
      for (const [name, ...args] of commands) check(name, args);
      return inner.send(commands);
    },
    perKey(batch: PerKeyBatch) {
      for (const [name, ...args] of batch.verbs) check(name, args);
      return inner.perKey(batch);
    },
    perKeyRaw(batch: PerKeyBatch) {
      for (const [name, ...args] of batch.verbs) check(name, args);
      return inner.perKeyRaw(batch);
    },
    stalledMs: () => inner.stalledMs(),
    close: () => inner.close(),
  };
}
