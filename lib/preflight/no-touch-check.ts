import { infoString } from "../redis/info";
import { NO_TOUCH_MISSING_NOTE } from "../redis/no-touch";
import type { RedisFacts } from "./redis-facts";
import { check, type PreflightCheck } from "./types";

/**
 * Verification reads every key of the source. Without CLIENT NO-TOUCH those reads reset each
 * key's LRU/LFU clock; that matters when the eviction policy uses the clock (*-lru, *-lfu).
 */
export function sourceNoTouchCheck(f: RedisFacts): PreflightCheck {
  const title = "Verification leaves the source's eviction data alone";
  const why = "Ferry's verification reads every source key (DUMP). CLIENT NO-TOUCH (Redis 7.2+, Valkey) keeps those reads from resetting each key's idle time; without it an LRU/LFU source treats every key as just used.";
  const fix = "Upgrade the source to Redis 7.2+ (or Valkey), or run the verification outside the hours when eviction matters; the verification report repeats this note.";
  const policy = infoString(f.info, "maxmemory_policy") ?? "unknown";
  if (!f.noTouch || f.noTouch.value === null) {
    return check("source.no-touch", "source", title, "unknown", `COMMAND INFO CLIENT|NO-TOUCH failed${f.noTouch ? `: ${f.noTouch.error}` : ""}; maxmemory-policy is ${policy}.`, why, fix);
  }
  if (f.noTouch.value) return check("source.no-touch", "source", title, "pass", "The source advertises CLIENT NO-TOUCH; verification turns it on.", why);
  const usesClock = /lru|lfu/.test(policy);
  return check("source.no-touch", "source", title, usesClock ? "warn" : "pass",
    `${NO_TOUCH_MISSING_NOTE} maxmemory-policy is ${policy}${usesClock ? "." : ", which does not use that clock."}`, why, fix);
}
