/**
 * CLIENT NO-TOUCH (Redis 7.2+, Valkey) stops a connection's reads from resetting each key's
 * LRU/LFU clock. Without it a verification (DUMP and value reads of every key) makes the whole
 * source look freshly used, which skews eviction on an allkeys-lru/lfu production source.
 * Support is read from COMMAND INFO (null for an unknown subcommand), not from a version
 * number, so forks and managed services that backport it are recognised.
 */
export const NO_TOUCH_PROBE = ["COMMAND", "INFO", "CLIENT|NO-TOUCH"] as const;
export const NO_TOUCH_ON = ["CLIENT", "NO-TOUCH", "ON"] as const;

/** The reply to NO_TOUCH_PROBE advertises the subcommand (an error, e.g. COMMAND renamed, counts as no). */
export function advertisesNoTouch(reply: unknown): boolean {
  return Array.isArray(reply) && reply.length > 0 && Array.isArray(reply[0]);
}

export const NO_TOUCH_MISSING_NOTE =
  "The source does not support CLIENT NO-TOUCH (Redis before 7.2): verification reads reset each key's LRU/LFU idle time, which skews eviction on an allkeys-lru/lfu source.";
