import type { TDetail } from "./types";

/**
 * A step saves `sentAt` before a call that changes the world. If a later pass finds it without
 * the world showing the effect, it must not guess: only an operator's Retry (which stamps
 * `retriedAt`) lets it send again.
 */
export function sentEarlierWithoutRetry(detail: TDetail): boolean {
  if (typeof detail.sentAt !== "string") return false;
  return !(typeof detail.retriedAt === "string" && detail.retriedAt > detail.sentAt);
}
