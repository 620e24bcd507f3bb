import type { TParameterGroupFacts } from "../aws/parameter-groups";
import { check, type PreflightCheck } from "./types";

/** Where the source's notify-keyspace-events comes from: CONFIG, the ElastiCache parameter group, or nowhere. */
export type TNotificationSetting =
  | { from: "config"; value: string | null; error: string | null }
  | { from: "parameter-group"; replicationGroupId: string; family: string | null; group: TParameterGroupFacts | null; error: string | null; clusterEnabled?: boolean }
  | { from: "none"; reason: string };

export const NOTIFICATIONS_CHECK_ID = "source.keyspace-notifications";
/** What Ferry sets when the operator consents: every key event class on both channels' key side. */
export const NOTIFY_ALL = "KEA";

/** "all" when K or E is on together with A (or every class letter), as key-level live mode needs. */
export function notificationCoverage(flags: string): "all" | "some" | "none" {
  if (!/[KE]/.test(flags)) return "none";
  const classes = ["g", "$", "l", "s", "h", "z", "x", "e"];
  if (flags.includes("A") || classes.every((c) => flags.includes(c))) return "all";
  return classes.some((c) => flags.includes(c)) || flags.includes("t") || flags.includes("m") ? "some" : "none";
}

const TITLE = "Keyspace notifications are on for all key classes";
const WHY = "Key-level live mode subscribes to keyspace events; without K or E plus the A class it receives nothing and silently stops following writes.";

export function keyspaceNotificationsCheck(s: TNotificationSetting): PreflightCheck {
  if (s.from === "none") {
    return check(NOTIFICATIONS_CHECK_ID, "source", TITLE, "warn", s.reason,
      "Without notifications the migration is not live: Ferry copies, then repeats repair passes until the remaining difference is small, and the cutover needs writes stopped.",
      "Nothing to fix: plan a cutover window with writes stopped.");
  }
  const fix = fixFor(s);
  const read = s.from === "config" ? { value: s.value, error: s.error } : { value: s.group?.notifyKeyspaceEvents ?? null, error: s.error ?? (s.group ? null : "the members report no parameter group") };
  const where = s.from === "config" ? "CONFIG GET notify-keyspace-events" : `parameter group ${s.group?.name ?? "?"} (DescribeCacheParameters; CONFIG is refused on ElastiCache)`;
  if (read.value === null) return { ...check(NOTIFICATIONS_CHECK_ID, "source", TITLE, "unknown", `${where} failed: ${read.error ?? "no value"}`, WHY, fix), autoFix: "keyspace-notifications" };
  const coverage = notificationCoverage(read.value);
  const evidence = `notify-keyspace-events is "${read.value}" (${where}).`;
  if (coverage === "all") return check(NOTIFICATIONS_CHECK_ID, "source", TITLE, "pass", evidence, WHY);
  const status = coverage === "some" ? "warn" : "fail";
  const extra = coverage === "some" ? " Some key classes are not notified; writes to those types will not be followed." : "";
  return { ...check(NOTIFICATIONS_CHECK_ID, "source", TITLE, status, evidence + extra, WHY, fix), autoFix: "keyspace-notifications" };
}

function fixFor(s: Exclude<TNotificationSetting, { from: "none" }>): string {
  if (s.from === "config") {
    return `On the source: \`CONFIG SET notify-keyspace-events ${NOTIFY_ALL}\`, and \`notify-keyspace-events ${NOTIFY_ALL}\` in redis.conf so a restart keeps it. Ferry can send the CONFIG SET with your consent (Apply the fix); nothing else is written to the source.`;
  }
  const rg = s.replicationGroupId;
  const pg = s.group?.name ?? "<its group>";
  const kv = `ParameterName=notify-keyspace-events,ParameterValue=${NOTIFY_ALL}`;
  if (s.group && !s.group.isDefault) {
    return `Set notify-keyspace-events to ${NOTIFY_ALL} in the custom parameter group ${pg} (this changes every cluster that uses it): \`aws elasticache modify-cache-parameter-group --cache-parameter-group-name ${pg} --parameter-name-values ${kv}\`. Ferry can do this with your consent (Apply the fix).`;
  }
  const custom = customGroupName(rg);
  const family = s.family ?? "<family of the default group>";
  // A new custom group starts with cluster-enabled no, which a cluster-mode group refuses to attach.
  const values = s.clusterEnabled ? `${kv} ParameterName=cluster-enabled,ParameterValue=yes` : kv;
  return `${pg} is a default parameter group, which cannot be modified. Create a custom group with notifications on and attach it: \`aws elasticache create-cache-parameter-group --cache-parameter-group-name ${custom} --cache-parameter-group-family ${family} --description "notify-keyspace-events ${NOTIFY_ALL}"\`, \`aws elasticache modify-cache-parameter-group --cache-parameter-group-name ${custom} --parameter-name-values ${values}\`, then \`aws elasticache modify-replication-group --replication-group-id ${rg} --cache-parameter-group-name ${custom} --apply-immediately\`. Ferry can do these three calls with your consent (Apply the fix).`;
}

/** The custom group Ferry creates for a group on a default parameter group. */
export const customGroupName = (replicationGroupId: string) => `ferry-kea-${replicationGroupId}`.slice(0, 255);
