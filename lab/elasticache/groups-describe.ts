import { ApiError } from "../http/api-error";
import { leaf, list } from "../http/xml";
import type { EcHandler } from "./handler-types";
import { findGroup } from "./handler-types";
import { renderCacheCluster, renderGroup } from "./render";
import { allMembers } from "./state";

export const describeReplicationGroups: EcHandler = async (c) => {
  const id = c.params.str("ReplicationGroupId");
  const groups = id
    ? [findGroup(c, id)]
    : [...c.ctx.groups.values()].filter((g) => g.account.accountId === c.account.accountId);
  const page = paginate(groups, c.params.int("MaxRecords"), c.params.str("Marker"));
  return leaf("Marker", page.marker) + list("ReplicationGroups", page.items.map((g) => renderGroup(g, c.ctx.region)));
};

export const describeCacheClusters: EcHandler = async (c) => {
  const id = c.params.str("CacheClusterId");
  const show = c.params.bool("ShowCacheNodeInfo") ?? false;
  const all = [...c.ctx.groups.values()]
    .filter((g) => g.account.accountId === c.account.accountId)
    .flatMap((g) => allMembers(g).map((m) => ({ g, m })));
  const hits = id ? all.filter((x) => x.m.clusterId === id.toLowerCase()) : all;
  if (id && hits.length === 0) throw new ApiError("CacheClusterNotFound", `CacheCluster not found: ${id}`, 404);
  if (id) c.note.groupId = hits[0].g.id;
  const page = paginate(hits, c.params.int("MaxRecords"), c.params.str("Marker"));
  return leaf("Marker", page.marker) + list("CacheClusters", page.items.map(({ g, m }) => renderCacheCluster(g, m, c.ctx.region, show)));
};

/** Markers are plain offsets: opaque to clients, as AWS's are. */
export function paginate<T>(items: T[], maxRecords = 100, marker?: string): { items: T[]; marker?: string } {
  if (maxRecords < 20 || maxRecords > 100) {
    throw new ApiError("InvalidParameterValue", "The value of MaxRecords must be between 20 and 100.");
  }
  const start = marker ? Number(marker) || 0 : 0;
  const end = start + maxRecords;
  return { items: items.slice(start, end), marker: end < items.length ? String(end) : undefined };
}
