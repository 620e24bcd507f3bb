import "server-only";
import { AppError } from "../errors";
import type { TReplicationEnd } from "./types";
import { isError, openLink, redisEndpointToResp, type VerifyLink } from "./verify-bridge";

/**
 * The hot read path of one source db (SCAN, MEMORY USAGE, DUMP + PTTL) over the verification
 * engine's lean socket: whole batches encoded once, no per-command promise, and the same source
 * allow-list as the ioredis guard. A failed socket is dropped and reopened on the next use.
 */
export class LeanSource {
  private link: Promise<VerifyLink> | null = null;
  private closed = false;

  constructor(private readonly end: TReplicationEnd, private readonly db: number) {}

  async run<T>(fn: (link: VerifyLink) => Promise<T>): Promise<T> {
    if (this.closed) throw new AppError("REDIS_ERROR", "the replicator was stopped");
    const pending = (this.link ??= this.open());
    try {
      return await fn(await pending);
    } catch (err) {
      if (this.link === pending) this.link = null;
      void pending.then((l) => l.close(), () => {});
      throw err;
    }
  }

  private async open(): Promise<VerifyLink> {
    const link = await openLink({ endpoint: redisEndpointToResp(this.end.redis), readOnly: true });
    const [reply] = await link.send([["SELECT", this.db]]);
    if (isError(reply)) {
      link.close();
      throw new AppError("REDIS_ERROR", `SELECT ${this.db} failed on the source: ${reply.message}`);
    }
    return link;
  }

  close(): void {
    this.closed = true;
    void this.link?.then((l) => l.close(), () => {});
    this.link = null;
  }
}
