import { infoNumber, infoString, type ParsedInfo } from "./info";
import { toBoolean } from "./info-values";

/** One vocabulary for roles: INFO says master/slave (Valkey and newer builds may say primary/replica). */
export type TRole = "primary" | "replica";

/** What INFO replication of one end says, reduced once for the runner, the monitor and baselines. */
export type TReplicationFacts = {
  role: TRole | null;
  masterReplOffset: number | null;
  masterReplid: string | null;
  connectedReplicas: number | null;
  /** Only while a replica: where it replicates from and how the link is. */
  masterHost: string | null;
  masterPort: number | null;
  /** null when INFO did not say (not a replica, or a field this server does not print). */
  linkUp: boolean | null;
  syncInProgress: boolean | null;
  syncReadBytes: number | null;
  /** null while unknown: diskless or not-yet-started transfers report total 0. */
  syncTotalBytes: number | null;
  syncPercent: number | null;
  slaveReplOffset: number | null;
  lastIoSecondsAgo: number | null;
  linkDownSinceSeconds: number | null;
};

export function roleOf(role: string | null): TRole | null {
  if (role === "master" || role === "primary") return "primary";
  if (role === "slave" || role === "replica") return "replica";
  return null;
}

export function replicationFacts(info: ParsedInfo): TReplicationFacts {
  const link = infoString(info, "master_link_status");
  const read = infoNumber(info, "master_sync_read_bytes");
  const total = infoNumber(info, "master_sync_total_bytes");
  const knownTotal = total !== null && total > 0 ? total : null;
  return {
    role: roleOf(infoString(info, "role")),
    masterReplOffset: infoNumber(info, "master_repl_offset"),
    masterReplid: infoString(info, "master_replid"),
    connectedReplicas: infoNumber(info, "connected_slaves"),
    masterHost: infoString(info, "master_host"),
    masterPort: infoNumber(info, "master_port"),
    linkUp: link === null ? null : link === "up",
    syncInProgress: toBoolean(infoString(info, "master_sync_in_progress")),
    syncReadBytes: read,
    syncTotalBytes: knownTotal,
    syncPercent: read !== null && knownTotal ? Math.round((read / knownTotal) * 1000) / 10 : null,
    slaveReplOffset: infoNumber(info, "slave_repl_offset"),
    lastIoSecondsAgo: infoNumber(info, "master_last_io_seconds_ago"),
    linkDownSinceSeconds: infoNumber(info, "master_link_down_since_seconds"),
  };
}
