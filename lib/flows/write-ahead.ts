import type { TDetail, TFlowContext } from "./types";

/**
 * "Send once" for every call that changes the world (StartMigration, CompleteMigration, REPLICAOF,
 * CopySnapshot, ...). The marker `sentAt` is saved before the call, so a runner killed at any
 * point leaves either no marker (nothing was sent) or a marker a later pass must respect: it then
 * looks at the world and never sends again without the operator's Retry.
 */
export async function sendOnce<T>(ctx: TFlowContext, opts: {
  /** Names the call for the crash seam (afterWorldChange) and the tests. */
  call: string;
  /** Saved with the marker: what a runner that dies after the call must still know (offsets, keys). */
  record?: TDetail;
  send: () => Promise<T>;
  /** Answers that still mean "ours may have landed" (an SDK retry of a call that went through). */
  mayHaveLanded?: (err: unknown) => boolean;
}): Promise<T> {
  await ctx.assertLease();
  await ctx.saveDetail({ sentAt: new Date().toISOString(), ...opts.record });
  let out: T;
  try {
    out = await opts.send();
  } catch (err) {
    if (answeredNo(err) && !opts.mayHaveLanded?.(err)) await clearSentMarker(ctx);
    throw err;
  }
  await ctx.afterWorldChange(opts.call);
  return out;
}

/** The only way a marker goes: the call was refused, so nothing is in flight and the next attempt may send. */
export async function clearSentMarker(ctx: TFlowContext): Promise<void> {
  await ctx.saveDetail({ sentAt: null });
}

/** When the marker says the call was sent, or null. */
export function sentAtOf(detail: TDetail): Date | null {
  return typeof detail.sentAt === "string" ? new Date(detail.sentAt) : null;
}

/**
 * True when a marker is there and no operator's Retry (which stamps `retriedAt`) came after it:
 * the step must wait for the world to show the effect, never guess and send again.
 */
export function sentEarlierWithoutRetry(detail: TDetail): boolean {
  if (typeof detail.sentAt !== "string") return false;
  return !(typeof detail.retriedAt === "string" && detail.retriedAt > detail.sentAt);
}

/**
 * The other end answered with an error (AWS: throttling, validation, 5xx, kept as httpStatus by
 * classifyAwsError; Redis: an error reply), so the call was refused. Without an answer (timeout,
 * reset) it may have landed: the marker stays and the world decides.
 */
function answeredNo(err: unknown): boolean {
  const e = err as { name?: string; detail?: Record<string, unknown> } | null;
  return e?.name === "ReplyError" || typeof e?.detail?.httpStatus === "number";
}
