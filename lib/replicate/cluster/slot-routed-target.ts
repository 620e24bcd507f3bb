import "server-only";
import { ClusterRouter } from "../../redis/cluster/cluster-router";
import { clusterNodeEndpoint } from "../../redis/cluster/cluster-node-endpoint";
import { keySlot } from "../../redis/cluster/key-slot";
import { RestoreBatch } from "../encode-restores";
import { splitBySlot, type Arg } from "./split-by-slot";
import { LeanLink } from "../lean-link";
import type { TReplicationEnd, TTargetWriter } from "../types";
import { isError, PerKeyBatch, type RespReply, type VerifyLink } from "../verify-bridge";

function isMoved(r: RespReply): boolean {
  return isError(r) && /^MOVED \d+ /.test(r.message);
}

/**
 * The target write link of a Redis Cluster: every write goes to the node owning its key's slot,
 * through that node's own LeanLink (so the target allow-list and the per-key write order hold:
 * one key always travels on one node's link). Multi-key DELs are split per key (a cluster refuses
 * CROSSSLOT), a MULTI block travels whole to its first key's node (the temp key shares the key's
 * slot: temp-key-name.ts). A write answered MOVED (the target's topology changed) re-reads the map
 * and is sent once more to the new owner.
 */
export class SlotRoutedTarget implements TTargetWriter {
  private readonly links = new Map<string, LeanLink>();

  private constructor(private readonly end: TReplicationEnd, private readonly router: ClusterRouter, private readonly db: number, private readonly role: "source" | "target") {}

  /** role "source": read-only node links (a sampled comparison reads the target without the right to write). */
  static async open(end: TReplicationEnd, db: number, role: "source" | "target" = "target"): Promise<SlotRoutedTarget> {
    const router = await ClusterRouter.open({ seed: end.redis, role: "source", connectionName: "ferry-replicate-topology" });
    return new SlotRoutedTarget(end, router, db, role);
  }

  private link(slot: number | null): LeanLink {
    const shards = this.router.topology.shards;
    const shard = slot === null ? shards[0] : shards.find((s) => s.slots.some(([a, b]) => slot >= a && slot <= b)) ?? shards[0];
    const address = `${shard.primary.host}:${shard.primary.port}`;
    let l = this.links.get(address);
    if (!l) {
      l = new LeanLink({ redis: clusterNodeEndpoint(this.end.redis, shard.primary), label: `${this.end.label} (${address})` }, this.db, this.role);
      this.links.set(address, l);
    }
    return l;
  }

  run<T>(fn: (link: VerifyLink) => Promise<T>): Promise<T> {
    return fn(this.routed());
  }

  async send(commands: Arg[][]): Promise<unknown[]> {
    const replies = await this.routed().send(commands);
    const failed = replies.find(isError);
    if (failed) throw failed;
    return replies;
  }

  /** A VerifyLink whose batches are split by node and answered in the caller's order. */
  routed(): VerifyLink {
    const perKey = async (batch: PerKeyBatch): Promise<RespReply[]> => {
      if (batch instanceof RestoreBatch) {
        const items = batch.writes.map((w) => ({ slot: keySlot(w.key), item: w }));
        return this.dispatch(items, (l, ws) => l.run((v) => v.perKey(new RestoreBatch(ws))));
      }
      // Replies are verb-major (every key under the first verb, then the second...): one round per verb.
      const out: RespReply[] = [];
      for (const verb of batch.verbs) {
        const items = batch.keys.map((k) => ({ slot: keySlot(k), item: k }));
        out.push(...(await this.dispatch(items, (l, keys) => l.run((v) => v.perKey(new PerKeyBatch([verb], keys))))));
      }
      return out;
    };
    return {
      send: (commands) => this.sendUnits(commands),
      perKey,
      perKeyRaw: perKey,
      stalledMs: () => 0,
      close: () => this.close(),
    };
  }

  private async sendUnits(commands: Arg[][]): Promise<RespReply[]> {
    const units = splitBySlot(commands);
    const replies = await this.dispatch(units.map((u) => ({ slot: u.slot, item: u })), async (l, us) => {
      const flat = await l.run((v) => v.send(us.flatMap((u) => u.commands)));
      let o = 0;
      return us.map((u) => flat.slice(o, (o += u.commands.length)));
    }, (r) => r.find(isMoved) ?? null);
    const out = new Array<RespReply>(commands.length);
    units.forEach((u, i) => {
      replies[i].forEach((r, j) => {
        const at = u.at[j];
        const prev = out[at];
        // A split DEL answers the sum of its parts, like the one command would have.
        out[at] = typeof prev === "number" && typeof r === "number" ? prev + r : prev !== undefined && isError(prev) ? prev : r;
      });
    });
    return out;
  }

  /** Groups items by node (in order), sends each group at once, resends MOVED ones once after a topology read. */
  private async dispatch<I, R>(items: { slot: number | null; item: I }[], send: (l: LeanLink, items: I[]) => Promise<R[]>, moved: (r: R) => RespReply | null = (r) => (isMoved(r as RespReply) ? (r as RespReply) : null)): Promise<R[]> {
    const out = new Array<R>(items.length);
    const round = async (todo: number[]) => {
      const groups = new Map<LeanLink, number[]>();
      for (const i of todo) {
        const l = this.link(items[i].slot);
        groups.set(l, [...(groups.get(l) ?? []), i]);
      }
      await Promise.all([...groups].map(async ([l, idx]) => {
        const replies = await send(l, idx.map((i) => items[i].item));
        idx.forEach((i, j) => (out[i] = replies[j]));
      }));
    };
    await round(items.map((_, i) => i));
    const again = items.map((_, i) => i).filter((i) => moved(out[i]));
    if (again.length) {
      // The reply names the slot: it holds even where Ferry took the wrong argument for the key.
      for (const i of again) items[i] = { ...items[i], slot: Number(/^MOVED (\d+)/.exec((moved(out[i]) as Error).message)![1]) };
      await this.router.refresh();
      await round(again);
    }
    return out;
  }

  close(): void {
    for (const l of this.links.values()) l.close();
    this.router.close();
  }
}
