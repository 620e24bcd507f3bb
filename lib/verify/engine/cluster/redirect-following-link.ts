import "server-only";
import { AppError } from "@/lib/errors";
import type { CommandArg } from "../resp-encode";
import { parseRegion, RespError, type RespReply } from "../resp-parser";
import type { PerKeyBatch, VerifyLink } from "../verify-link";

/** A redirect a cluster node answers for a key it does not serve (now, or for a migrating slot). */
const REDIRECT = /^(MOVED|ASK) (\d+) (\S+):(\d+)$/;
/** Hops one command may take (a slot moves at most a couple of times while it is looked up). */
export const MAX_REDIRECT_HOPS = 5;

export type TRedirectCounts = { moved: number; ask: number };

export function parseRedirect(r: RespReply): { kind: "MOVED" | "ASK"; slot: number; host: string; port: number } | null {
  if (!(r instanceof RespError)) return null;
  const m = REDIRECT.exec(r.message);
  return m ? { kind: m[1] as "MOVED" | "ASK", slot: Number(m[2]), host: m[3], port: Number(m[4]) } : null;
}

/**
 * A target link that follows MOVED and ASK per key: the replies of the keys a node redirected are
 * asked again at the named node (ASKING first for ASK) and put back in their place, so the engine
 * sees one node's answers while a slot is resharded or fails over under the run. Only the keys
 * redirected are re-asked; the batch's other replies (and its raw memcmp path) are untouched.
 */
export class RedirectFollowingLink implements VerifyLink {
  readonly counts: TRedirectCounts = { moved: 0, ask: 0 };
  private readonly nodes = new Map<string, Promise<VerifyLink>>();

  constructor(private readonly inner: VerifyLink, private readonly openNode: (host: string, port: number) => Promise<VerifyLink>) {}

  async send(commands: CommandArg[][]): Promise<RespReply[]> {
    return this.follow((i) => commands[i], await this.inner.send(commands));
  }

  async perKey(batch: PerKeyBatch): Promise<RespReply[]> {
    return this.follow(commandOf(batch), await this.inner.perKey(batch));
  }

  async perKeyRaw(batch: PerKeyBatch): Promise<Buffer | RespReply[]> {
    const raw = await this.inner.perKeyRaw(batch);
    if (!Buffer.isBuffer(raw)) return this.follow(commandOf(batch), raw);
    // A payload may contain these bytes too: then the batch is parsed for nothing, never misread.
    if (raw.indexOf("-MOVED ") < 0 && raw.indexOf("-ASK ") < 0) return raw;
    return this.follow(commandOf(batch), parseRegion(raw));
  }

  stalledMs(): number {
    return this.inner.stalledMs();
  }

  close(): void {
    this.inner.close();
    for (const l of this.nodes.values()) void l.then((x) => x.close(), () => {});
    this.nodes.clear();
  }

  private async follow(commandAt: (i: number) => CommandArg[], replies: RespReply[]): Promise<RespReply[]> {
    let todo = replies.flatMap((r, i) => (parseRedirect(r) ? [i] : []));
    for (let hop = 0; todo.length > 0; hop++) {
      if (hop >= MAX_REDIRECT_HOPS) {
        const r = parseRedirect(replies[todo[0]])!;
        throw new AppError("REDIS_ERROR", `Slot ${r.slot} of the target kept redirecting (${MAX_REDIRECT_HOPS} hops): verify again once its resharding has settled.`);
      }
      const byNode = new Map<string, number[]>();
      for (const i of todo) {
        const r = parseRedirect(replies[i])!;
        this.counts[r.kind === "ASK" ? "ask" : "moved"]++;
        const at = `${r.kind} ${r.host}:${r.port}`;
        byNode.set(at, [...(byNode.get(at) ?? []), i]);
      }
      await Promise.all([...byNode].map(async ([at, idx]) => {
        const [kind, address] = at.split(" ");
        const split = address.lastIndexOf(":");
        const link = await this.node(address.slice(0, split), Number(address.slice(split + 1)));
        // ASKING lets the importing node answer the one command after it.
        const cmds = kind === "ASK" ? idx.flatMap((i) => [["ASKING"], commandAt(i)]) : idx.map(commandAt);
        const got = await link.send(cmds);
        idx.forEach((i, j) => void (replies[i] = got[kind === "ASK" ? 2 * j + 1 : j]));
      }));
      todo = todo.filter((i) => parseRedirect(replies[i]));
    }
    return replies;
  }

  private node(host: string, port: number): Promise<VerifyLink> {
    const address = `${host}:${port}`;
    let l = this.nodes.get(address);
    if (!l) {
      l = this.openNode(host, port);
      l.catch(() => this.nodes.delete(address));
      this.nodes.set(address, l);
    }
    return l;
  }
}

/** The command behind reply i of a verb-major per-key batch. */
function commandOf(batch: PerKeyBatch): (i: number) => CommandArg[] {
  const n = batch.keys.length;
  return (i) => [...batch.verbs[Math.floor(i / n)], batch.keys[i % n]];
}
