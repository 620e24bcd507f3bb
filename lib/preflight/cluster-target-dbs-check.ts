import type { RedisFacts } from "./redis-facts";
import { check, type PreflightCheck } from "./types";

/**
 * Key-level replication into a cluster copies db 0 only (a cluster refuses SELECT of any other),
 * so keys a single-node source holds in another db would be left behind without a word.
 */
export function clusterTargetDbsCheck(source: RedisFacts): PreflightCheck {
  const title = "The source's keys are all in db 0 (the cluster target has no other db)";
  const why = "A Redis Cluster has db 0 only: Ferry replicates db 0 into it, so keys in any other db of the source would not be copied.";
  const fix = "Move the keys into db 0 on the source (`MOVE key 0`, or have the applications use db 0), or choose a target that is not a cluster.";
  const used = Object.entries(source.info.keyspace).filter(([, e]) => e.keys > 0).map(([db]) => Number(db)).sort((a, b) => a - b);
  const others = used.filter((db) => db !== 0);
  if (others.length) {
    const keys = others.reduce((n, db) => n + source.info.keyspace[db].keys, 0);
    return check("pairing.cluster-dbs", "target", title, "fail", `${source.where} holds ${keys} key(s) in ${others.map((db) => `db${db}`).join(", ")}.`, why, fix);
  }
  return check("pairing.cluster-dbs", "target", title, "pass", `${source.where} holds keys in ${used.length ? "db0 only" : "no db"}.`, why);
}
