import type { TClusterFacts } from "./cluster-facts";
import { NOTIFICATIONS_CHECK_ID, NOTIFY_ALL, notificationCoverage } from "./notification-checks";
import { check, type PreflightCheck } from "./types";

/** Keyspace notifications are node-local: live mode subscribes on every primary, so each must publish them. */
export function clusterNotificationsCheck(f: TClusterFacts): PreflightCheck {
  const rows = f.primaries.map((p) => ({ p, coverage: p.notifyKeyspaceEvents.value === null ? null : notificationCoverage(p.notifyKeyspaceEvents.value) }));
  const evidence = rows.map(({ p }) => `${p.label} "${p.notifyKeyspaceEvents.value ?? `unknown: ${p.notifyKeyspaceEvents.error}`}"${p.parameterGroup ? ` (parameter group ${p.parameterGroup})` : ""}`).join("; ");
  const missing = rows.filter((r) => r.coverage !== "all").map((r) => r.p);
  const status = rows.some((r) => r.coverage === "none") ? "fail" : rows.some((r) => r.coverage === null) ? "unknown" : rows.some((r) => r.coverage === "some") ? "warn" : "pass";
  const groups = [...new Set(missing.map((p) => p.parameterGroup).filter((g): g is string => !!g))];
  // ElastiCache refuses CONFIG: the fix is the group's, which the whole-group check spells out and Ferry can apply.
  const fix = groups.length
    ? `Set notify-keyspace-events to ${NOTIFY_ALL} in ${groups.join(", ")}, which every node of the group uses (see "Keyspace notifications are on for all key classes" for the exact calls; Ferry can make them with your consent).`
    : `On ${missing.map((p) => p.label).join(", ") || "every primary"} and every replica (a promoted replica publishes only what its own config says): \`CONFIG SET notify-keyspace-events ${NOTIFY_ALL}\` (and in redis.conf). Ferry can send it to every node with your consent (Apply the fix).`;
  const c = check(`${NOTIFICATIONS_CHECK_ID}.every-primary`, "source", "Keyspace notifications on every source primary", status, `notify-keyspace-events per primary: ${evidence}.`,
    "Each primary publishes only its own keys' events; a shard without notifications has its writes silently missed while the others are followed.", fix);
  return status !== "pass" ? { ...c, autoFix: "keyspace-notifications" } : c;
}
