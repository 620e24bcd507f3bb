import fs from "node:fs";
import path from "node:path";
import { groupKey } from "../context";
import { ApiError } from "../http/api-error";
import { leaf, list } from "../http/xml";
import { findSnapshot, type EcHandler } from "./handler-types";
import { paginate } from "./groups-describe";
import { renderEvent, renderSnapshot } from "./render";

export const describeSnapshots: EcHandler = async (c) => {
  const name = c.params.str("SnapshotName");
  const rg = c.params.str("ReplicationGroupId")?.toLowerCase();
  const cc = c.params.str("CacheClusterId")?.toLowerCase();
  const source = c.params.str("SnapshotSource");
  if (name) findSnapshot(c, name); // a named snapshot that does not exist is a 404, as on AWS
  if (rg) c.note.groupId = rg;
  const hits = [...c.ctx.snapshots.values()].filter(
    (s) =>
      s.account.accountId === c.account.accountId &&
      (!name || s.name === name) &&
      (!rg || s.group.id === rg) &&
      (!cc || s.nodes.some((n) => n.clusterId === cc)) &&
      (!source || source === "manual"),
  );
  const page = paginate(hits, c.params.int("MaxRecords") ?? 50, c.params.str("Marker"));
  return leaf("Marker", page.marker) + list("Snapshots", page.items.map((s) => renderSnapshot(s, c.ctx.region)));
};

export const deleteSnapshot: EcHandler = async (c) => {
  const snap = findSnapshot(c, c.params.required("SnapshotName"));
  c.note.groupId = snap.group.id;
  if (snap.status !== "available") {
    throw new ApiError("InvalidSnapshotState", `Snapshot ${snap.name} is not in available state (current: ${snap.status}).`);
  }
  snap.status = "deleting";
  const xml = renderSnapshot(snap, c.ctx.region);
  c.ctx.snapshots.delete(groupKey(c.account.accountId, snap.name));
  const dir = path.join(c.ctx.dir, "snapshots", c.account.accountId, snap.name);
  await fs.promises.rm(dir, { recursive: true, force: true });
  return xml;
};

export const describeEvents: EcHandler = async (c) => {
  const sourceId = c.params.str("SourceIdentifier");
  const sourceType = c.params.str("SourceType");
  const duration = c.params.int("Duration");
  const end = c.params.date("EndTime") ?? new Date(8.64e15);
  const start = c.params.date("StartTime") ?? new Date(Date.now() - (duration ?? 60) * 60_000);
  if (sourceId) c.note.groupId = sourceId;
  const hits = c.ctx.events
    .filter(
      (e) =>
        e.accountId === c.account.accountId &&
        (!sourceId || e.sourceId === sourceId) &&
        (!sourceType || e.sourceType === sourceType) &&
        e.date >= start &&
        e.date <= end,
    )
    .reverse(); // newest first, as AWS lists them
  const page = paginate(hits, c.params.int("MaxRecords") ?? 100, c.params.str("Marker"));
  return leaf("Marker", page.marker) + list("Events", page.items.map(renderEvent));
};
