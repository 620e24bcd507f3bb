import type { LabAccount } from "../accounts";
import type { LabContext } from "../context";
import { ApiError } from "../http/api-error";
import { groupKey } from "../context";
import type { QueryParams } from "./query-params";
import type { Group, Snapshot } from "./state";

export type EcCall = {
  ctx: LabContext;
  account: LabAccount;
  params: QueryParams;
  /** Filled by handlers so the call log can say which group a call touched. */
  note: { groupId?: string };
};

/** Returns the XML that goes inside `<ActionResult>`. */
export type EcHandler = (c: EcCall) => Promise<string>;

export function findGroup(c: EcCall, id: string): Group {
  c.note.groupId = id;
  const g = c.ctx.groups.get(groupKey(c.account.accountId, id.toLowerCase()));
  if (!g) throw new ApiError("ReplicationGroupNotFoundFault", `Replication group ${id} not found.`, 404);
  return g;
}

export function findSnapshot(c: EcCall, name: string): Snapshot {
  const s = c.ctx.snapshots.get(groupKey(c.account.accountId, name));
  if (!s) throw new ApiError("SnapshotNotFoundFault", `Snapshot ${name} not found.`, 404);
  return s;
}

export function requireStatus(g: Group, ...allowed: Group["status"][]): void {
  if (!allowed.includes(g.status)) {
    throw new ApiError("InvalidReplicationGroupState", `Replication group ${g.id} is not in ${allowed.join(" or ")} state (current: ${g.status}).`);
  }
}
