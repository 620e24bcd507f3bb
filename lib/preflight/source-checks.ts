import { infoNumber, infoString } from "../redis/info";
import type { RedisFacts } from "./redis-facts";
import { check, formatBytes, type CheckSide, type PreflightCheck } from "./types";

/** ElastiCache connects to the source without credentials: AUTH must be off (probed). */
export function sourceAuthCheck(f: RedisFacts): PreflightCheck {
  const title = "Source accepts connections without AUTH";
  const why = "ElastiCache online migration connects to the source without a password; with requirepass or a password-only default user it cannot replicate.";
  const fix = 'For the migration window: `CONFIG SET requirepass ""` (Redis 6+: `ACL SETUSER default on nopass ~* &* +@all`); restore the password after cutover and keep the source reachable only from the ElastiCache subnets.';
  if (f.requiresAuth === null) return check("source.auth", "source", title, "unknown", "Ferry could not probe a connection without credentials.", why, fix);
  return f.requiresAuth
    ? check("source.auth", "source", title, "fail", `A connection without credentials to ${f.where} was refused with NOAUTH.`, why, fix)
    : check("source.auth", "source", title, "pass", `A connection without credentials to ${f.where} was accepted.`, why);
}

export const ONLINE_REQUIRED_COMMANDS = ["sync", "psync", "replconf", "info", "config", "command", "cluster", "ping", "select", "multi", "exec", "get", "set", "del", "expire", "hset", "rpush", "sadd", "zadd", "xadd"];

export function renamedCommandsCheck(f: RedisFacts, side: CheckSide, required: string[], purpose: string): PreflightCheck {
  const id = `${side}.renamed-commands`;
  const title = "Required commands are not renamed or disabled";
  const why = `${purpose} A command renamed with rename-command is invisible under its real name.`;
  const fix = "Remove the `rename-command` lines for these commands from redis.conf and restart Redis (rename-command cannot be changed at runtime).";
  if (f.commands.value === null) {
    const renamedCommand = /unknown command/i.test(f.commands.error);
    return check(id, side, title, renamedCommand ? "fail" : "unknown",
      renamedCommand ? `COMMAND itself is renamed or disabled (${f.commands.error}).` : `COMMAND INFO failed: ${f.commands.error}`, why, fix);
  }
  const probed = f.commands.value;
  const missing = required.filter((c) => probed[c] === "missing");
  return missing.length
    ? check(id, side, title, "fail", `COMMAND INFO does not know: ${missing.map((c) => c.toUpperCase()).join(", ")}.`, why, fix)
    : check(id, side, title, "pass", `COMMAND INFO knows all of ${required.map((c) => c.toUpperCase()).join(", ")}.`, why);
}

/** BGSAVE / full sync forks; copy-on-write can double memory under writes. */
export function forkHeadroomCheck(f: RedisFacts): PreflightCheck {
  const title = "Source has memory headroom for the fork";
  const why = "Replication and BGSAVE fork the source; under writes copy-on-write can need up to used_memory again. Running out means swapping or the OOM killer on the source.";
  const fix = "Add memory to the source host, lower the write rate during the initial sync, or set `vm.overcommit_memory = 1` (sysctl) as Redis recommends.";
  const used = infoNumber(f.info, "used_memory");
  const rss = infoNumber(f.info, "used_memory_rss");
  const system = infoNumber(f.info, "total_system_memory");
  const max = infoNumber(f.info, "maxmemory");
  const forkUsec = infoNumber(f.info, "latest_fork_usec");
  const evidence = `used_memory ${formatBytes(used)}, rss ${formatBytes(rss)}, system memory ${formatBytes(system)}, maxmemory ${max ? formatBytes(max) : "unlimited"}, last fork took ${forkUsec ?? "?"} µs.`;
  if (used === null || !system) return check("source.fork-headroom", "source", title, "unknown", evidence + " (INFO does not report system memory here.)", why, fix);
  const ratio = Math.max(used, rss ?? 0) / system;
  const status = ratio <= 0.5 ? "pass" : ratio <= 0.8 ? "warn" : "fail";
  return check("source.fork-headroom", "source", title, status, `${evidence} Redis uses ${(ratio * 100).toFixed(0)}% of system memory.`, why, fix);
}

/** Snapshot flows need a BGSAVE that works (seed 004: check the last one succeeded). */
export function persistenceCheck(f: RedisFacts): PreflightCheck {
  const title = "Source can write an RDB snapshot";
  const why = "The snapshot flow starts with BGSAVE; a failing last BGSAVE (disk full, permissions, fork failure) will fail again.";
  const status = infoString(f.info, "rdb_last_bgsave_status");
  const inProgress = infoString(f.info, "rdb_bgsave_in_progress") === "1";
  const aofRewrite = infoString(f.info, "aof_rewrite_in_progress") === "1";
  const dir = f.config.dir.value;
  const evidence = `rdb_last_bgsave_status:${status ?? "?"}, rdb_bgsave_in_progress:${inProgress ? 1 : 0}, aof_rewrite_in_progress:${aofRewrite ? 1 : 0}, rdb_changes_since_last_save:${infoString(f.info, "rdb_changes_since_last_save") ?? "?"}${dir ? `, dir ${dir}` : ""}.`;
  const fix = "Read the Redis log for the BGSAVE error; check free disk space and permissions in `CONFIG GET dir`, and fork headroom. Retry with `BGSAVE` after fixing.";
  if (status === null) return check("source.persistence", "source", title, "unknown", evidence, why, fix);
  if (status !== "ok") return check("source.persistence", "source", title, "fail", evidence, why, fix);
  if (inProgress || aofRewrite) return check("source.persistence", "source", title, "warn", evidence, why + " A save or rewrite is running now; the snapshot step will wait for it.", "Wait for the running BGSAVE / AOF rewrite to finish.");
  return check("source.persistence", "source", title, "pass", evidence, why);
}

export type BigKeyLimits = { warnBytes: number; failBytes: number };
export const DEFAULT_BIG_KEY_LIMITS: BigKeyLimits = { warnBytes: 10 * 1024 * 1024, failBytes: 512 * 1024 * 1024 };

export function bigKeysCheck(f: RedisFacts, limits: BigKeyLimits = DEFAULT_BIG_KEY_LIMITS): PreflightCheck {
  const title = "No oversized keys in the sample";
  const why = `Big keys make DUMP/RESTORE slow and memory-hungry on both ends; a payload above proto-max-bulk-len (512 MiB by default) cannot be restored at all.`;
  const fix = "Split the key, raise `proto-max-bulk-len` on the target, or let Ferry copy it element by element (type-level copy).";
  if (f.sample.value === null) return check("source.big-keys", "source", title, "unknown", `Sampling failed: ${f.sample.error}`, why, fix);
  const s = f.sample.value;
  const top = [...s.keys].filter((k) => k.bytes !== null).sort((a, b) => b.bytes! - a.bytes!).slice(0, 5);
  const total = Object.values(f.info.keyspace).reduce((n, e) => n + e.keys, 0);
  const scope = s.complete
    ? `${s.sampled} keys sampled (the whole keyspace)`
    : `${s.sampled} of ${total} keys sampled (sample size ${s.requested}; a bounded sample, not a full scan)`;
  const list = top.length ? top.map((k) => `db${k.db} ${JSON.stringify(k.key)} (${k.type}, ${formatBytes(k.bytes)})`).join(", ") : "no keys";
  const biggest = top[0]?.bytes ?? 0;
  const status = biggest >= limits.failBytes ? "fail" : biggest >= limits.warnBytes ? "warn" : "pass";
  return check("source.big-keys", "source", title, status, `Biggest by MEMORY USAGE: ${list}. ${scope}.`, why, fix);
}

/** Seed 004 step 2: replicas should agree with the primary's offset before a snapshot. */
export function replicaLagCheck(f: RedisFacts, maxLagBytes = 1024 * 1024): PreflightCheck {
  const title = "Source replicas are in step with the primary";
  const why = "A lagging or disconnected replica signals write pressure or an unhealthy link; snapshot a healthy, settled primary.";
  const offset = infoNumber(f.info, "master_repl_offset");
  const replicas = f.info.replicas;
  if (replicas.length === 0) return check("source.replica-lag", "source", title, "pass", "The source has no connected replicas.", why);
  const rows = replicas.map((r) => {
    const lag = offset !== null && r.offset !== null ? offset - r.offset : null;
    const bad = r.state !== "online" || (lag !== null && lag > maxLagBytes);
    return { text: `${r.ip}:${r.port} ${r.state} offset ${r.offset ?? "?"} (${formatBytes(lag, "?")} behind)`, bad };
  });
  const bad = rows.some((r) => r.bad);
  return check("source.replica-lag", "source", title, bad ? "warn" : "pass",
    `master_repl_offset ${offset ?? "?"}; ${rows.map((r) => r.text).join("; ")}.`, why,
    "Wait for replicas to catch up (INFO replication) before snapshotting; investigate replicas that are not online.");
}
