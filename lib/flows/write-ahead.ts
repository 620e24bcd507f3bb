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

/**
 * AWS answered with an error (throttling, validation, 5xx): the call was refused, so the marker
 * goes and the next attempt may send. Without an answer (timeout, reset) it may have landed:
 * the marker stays and the world decides.
 */
export function refusedByAws(err: { detail?: Record<string, unknown> }): boolean {
  return typeof err.detail?.httpStatus === "number";
}
