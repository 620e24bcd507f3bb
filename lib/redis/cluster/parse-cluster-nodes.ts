import type { TClusterNode, TClusterShard, TSlotMove, TSlotRange } from "./cluster-types";

type NodeLine = { node: TClusterNode; primaryId: string | null; myself: boolean; slots: TSlotRange[]; moves: TSlotMove[] };

/** One CLUSTER NODES line: `<id> <ip:port@bus[,hostname]> <flags> <primary> <ping> <pong> <epoch> <link> <slot>...`. */
function parseLine(line: string): NodeLine | null {
  const f = line.trim().split(/\s+/);
  if (f.length < 8) return null;
  const [id, addr, flagText, primaryId] = f;
  const flags = new Set(flagText.split(","));
  if (flags.has("handshake") || flags.has("noaddr")) return null;
  const [hostPort, hostname] = addr.split(",");
  const at = hostPort.split("@")[0];
  const colon = at.lastIndexOf(":");
  const slots: TSlotRange[] = [];
  const moves: TSlotMove[] = [];
  for (const s of f.slice(8)) {
    const mig = /^\[(\d+)->-([0-9a-f]+)\]$/.exec(s);
    const imp = /^\[(\d+)-<-([0-9a-f]+)\]$/.exec(s);
    if (mig) moves.push({ slot: Number(mig[1]), state: "migrating", nodeId: id, peerId: mig[2] });
    else if (imp) moves.push({ slot: Number(imp[1]), state: "importing", nodeId: id, peerId: imp[2] });
    else {
      const [a, b] = s.split("-").map(Number);
      if (Number.isInteger(a)) slots.push([a, Number.isInteger(b) ? b : a]);
    }
  }
  const primary = flags.has("master");
  const failed = flags.has("fail") || flags.has("fail?") || f[7] === "disconnected";
  return {
    node: {
      id,
      host: hostname || at.slice(0, colon),
      port: Number(at.slice(colon + 1)),
      role: primary ? "primary" : "replica",
      health: failed ? "failed" : "online",
      replicationOffset: null,
    },
    primaryId: primaryId === "-" ? null : primaryId,
    myself: flags.has("myself"),
    slots,
    moves,
  };
}

/** Parses CLUSTER NODES (every Redis Cluster version): the shards, and the moves the nodes report of themselves. */
export function parseClusterNodes(text: string): { shards: TClusterShard[]; moves: TSlotMove[]; myselfId: string | null } {
  const lines = text.split("\n").map(parseLine).filter((l): l is NodeLine => l !== null);
  const shards: TClusterShard[] = lines
    .filter((l) => l.node.role === "primary" && l.slots.length > 0)
    .map((l) => ({ id: l.node.id, slots: l.slots, primary: l.node, replicas: lines.filter((r) => r.primaryId === l.node.id).map((r) => r.node) }));
  return {
    shards: shards.sort((a, b) => a.slots[0][0] - b.slots[0][0]),
    moves: lines.flatMap((l) => l.moves),
    myselfId: lines.find((l) => l.myself)?.node.id ?? null,
  };
}
