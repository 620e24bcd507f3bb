import { infoNumber, infoString, type ParsedInfo } from "../redis/info";
import { replicationFacts, type TRole } from "../redis/replication-facts";

/** What one INFO reading of one end says, reduced to the fields the monitor stores. */
export type TEndFacts = {
  role: TRole | null;
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
  const r = replicationFacts(info);
  return {
    role: r.role,
    masterOffset: r.masterReplOffset,
    slaveOffset: r.slaveReplOffset,
    linkUp: r.linkUp,
    syncInProgress: r.syncInProgress,
    syncReadBytes: r.syncReadBytes,
    syncTotalBytes: r.syncTotalBytes,
    keys: Object.values(info.keyspace).reduce((n, db) => n + db.keys, 0),
    memory: infoNumber(info, "used_memory"),
    ops: infoNumber(info, "instantaneous_ops_per_sec"),
    replicas: r.connectedReplicas,
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
