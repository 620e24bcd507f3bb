import "server-only";
import { AppError } from "@/lib/errors";
import type { CommandArg } from "../resp-encode";
import { parseRegion, type RespReply } from "../resp-parser";
import type { PerKeyBatch, VerifyLink } from "../verify-link";
import { parseRedirect } from "./redirect-following-link";

/** Thrown when a source node redirects a key: its slot changed owner (failover) or is being resharded. */
export class SourceSlotMoved extends AppError {
  constructor(readonly redirect: NonNullable<ReturnType<typeof parseRedirect>>, readonly node: string) {
    super("REDIS_ERROR", `Source ${node} answered ${redirect.kind} for slot ${redirect.slot} (to ${redirect.host}:${redirect.port}): its slots changed owner during the run.`);
  }
}

/**
 * A source link that stops its pair at the first redirect. A source key is never followed
 * elsewhere: a source node that was failed over (or lost a slot) mid-scan scanned a keyspace that
 * is no longer the one it serves, so the pair is redone against the new topology instead
 * (compare-cluster-keyspaces.ts).
 */
export class SourceMoveGuard implements VerifyLink {
  constructor(private readonly inner: VerifyLink, private readonly node: string) {}

  async send(commands: CommandArg[][]): Promise<RespReply[]> {
    return this.check(await this.inner.send(commands));
  }

  async perKey(batch: PerKeyBatch): Promise<RespReply[]> {
    return this.check(await this.inner.perKey(batch));
  }

  async perKeyRaw(batch: PerKeyBatch): Promise<Buffer | RespReply[]> {
    const raw = await this.inner.perKeyRaw(batch);
    if (Buffer.isBuffer(raw)) {
      // A payload may hold these bytes too: then the batch is parsed for nothing, never misread.
      if (raw.indexOf("-MOVED ") >= 0 || raw.indexOf("-ASK ") >= 0) this.check(parseRegion(raw));
      return raw;
    }
    return this.check(raw);
  }

  stalledMs(): number {
    return this.inner.stalledMs();
  }

  close(): void {
    this.inner.close();
  }

  private check(replies: RespReply[]): RespReply[] {
    for (const r of replies) {
      const redirect = parseRedirect(r);
      if (redirect) throw new SourceSlotMoved(redirect, this.node);
    }
    return replies;
  }
}
