import { infoNumber, infoString, type ParsedInfo } from "../redis/info";

/** What one INFO reading of one end says, reduced to the fields the monitor stores. */
export type TEndFacts = {
  role: "master" | "slave" | null;
  masterOffset: number | null;
  slaveOffset: number | null;
  linkUp: boolean | null;
  syncInProgress: boolean | null;
  syncReadBytes: number | null;
  syncTotalBytes: number | null;
  keys: number;
  memory: number | null;
  ops: number | null;
  replicas: number | null;
  persistence: TPersistenceFacts;
};

export type TPersistenceFacts = {
  rdbLastBgsaveStatus: string | null;
  rdbLastSaveTime: number | null;
  rdbChangesSinceLastSave: number | null;
  rdbBgsaveInProgress: boolean | null;
  aofEnabled: boolean | null;
  aofLastWriteStatus: string | null;
  aofRewriteInProgress: boolean | null;
};

const flag = (info: ParsedInfo, field: string): boolean | null => {
  const v = infoNumber(info, field);
  return v === null ? null : v !== 0;
};

export function endFacts(info: ParsedInfo): TEndFacts {
  const role = infoString(info, "role");
  const link = infoString(info, "master_link_status");
  // Diskless or not-yet-started transfers report total 0: "unknown", not "0 bytes".
  const total = infoNumber(info, "master_sync_total_bytes");
  return {
    role: role === "master" || role === "slave" ? role : null,
    masterOffset: infoNumber(info, "master_repl_offset"),
    slaveOffset: infoNumber(info, "slave_repl_offset"),
    linkUp: link === null ? null : link === "up",
    syncInProgress: flag(info, "master_sync_in_progress"),
    syncReadBytes: infoNumber(info, "master_sync_read_bytes"),
    syncTotalBytes: total && total > 0 ? total : null,
    keys: Object.values(info.keyspace).reduce((n, db) => n + db.keys, 0),
    memory: infoNumber(info, "used_memory"),
    ops: infoNumber(info, "instantaneous_ops_per_sec"),
    replicas: infoNumber(info, "connected_slaves"),
    persistence: {
      rdbLastBgsaveStatus: infoString(info, "rdb_last_bgsave_status"),
      rdbLastSaveTime: infoNumber(info, "rdb_last_save_time"),
      rdbChangesSinceLastSave: infoNumber(info, "rdb_changes_since_last_save"),
      rdbBgsaveInProgress: flag(info, "rdb_bgsave_in_progress"),
      aofEnabled: flag(info, "aof_enabled"),
      aofLastWriteStatus: infoString(info, "aof_last_write_status"),
      aofRewriteInProgress: flag(info, "aof_rewrite_in_progress"),
    },
  };
}
