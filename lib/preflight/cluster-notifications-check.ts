import type { TClusterFacts } from "./cluster-facts";
import { NOTIFICATIONS_CHECK_ID, NOTIFY_ALL, notificationCoverage } from "./notification-checks";
import { check, type PreflightCheck } from "./types";

/** Keyspace notifications are node-local: live mode subscribes on every primary, so each must publish them. */
export function clusterNotificationsCheck(f: TClusterFacts): PreflightCheck {
  const rows = f.primaries.map((p) => ({ p, coverage: p.notifyKeyspaceEvents.value === null ? null : notificationCoverage(p.notifyKeyspaceEvents.value) }));
  const evidence = rows.map(({ p }) => `${p.label} "${p.notifyKeyspaceEvents.value ?? `unknown: ${p.notifyKeyspaceEvents.error}`}"`).join("; ");
  const missing = rows.filter((r) => r.coverage !== "all").map((r) => r.p.label);
  const status = rows.some((r) => r.coverage === "none") ? "fail" : rows.some((r) => r.coverage === null) ? "unknown" : rows.some((r) => r.coverage === "some") ? "warn" : "pass";
  return check(`${NOTIFICATIONS_CHECK_ID}.every-primary`, "source", "Keyspace notifications on every source primary", status, `notify-keyspace-events per primary: ${evidence}.`,
    "Each primary publishes only its own keys' events; a shard without notifications has its writes silently missed while the others are followed.",
    `On ${missing.join(", ") || "every primary"}: \`CONFIG SET notify-keyspace-events ${NOTIFY_ALL}\` (and in redis.conf), or the parameter group's notify-keyspace-events on ElastiCache.`);
}
