import "server-only";
import { AppError, isAppError } from "../errors";

/** Errors worth another attempt after a pause: throttling, 5xx, timeouts, a Redis that blinked. */
export function isTransient(err: AppError): boolean {
  if (["AWS_THROTTLED", "AWS_TIMEOUT", "REDIS_TIMEOUT", "REDIS_REFUSED"].includes(err.code)) return true;
  const status = Number(err.detail?.httpStatus);
  return err.code === "AWS_ERROR" && status >= 500;
}

/** Any failure as an AppError; unexpected ones keep their message (operators see it on the step). */
export function asAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  // ioredis: "Connection is closed.", ECONNRESET, a command dropped because the reconnect took
  // longer than its retries (a node restarting, e.g. while a cluster rejoins after CompleteMigration),
  // or a restarted node still LOADING its dataset: a Redis that blinked, retried after a pause.
  if (/connection is closed|ECONNRESET|ECONNREFUSED|ETIMEDOUT|socket|max retries per request|^LOADING /i.test(message)) return new AppError("REDIS_TIMEOUT", message);
  return new AppError("RUNNER_ERROR", message.slice(0, 500));
}

/** Exponential backoff with jitter, capped. */
export function backoffMs(attempt: number, baseMs: number, capMs: number): number {
  const raw = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw / 2 + Math.random() * (raw / 2));
}

export type TLastError = {
  step: string;
  /** The migration state the step ran under; Retry returns there. */
  state: string;
  code: string;
  awsCode?: string;
  message: string;
  at: string;
};

export function lastErrorRecord(err: AppError, step: string, state: string): TLastError {
  const awsCode = typeof err.detail?.awsCode === "string" ? err.detail.awsCode : undefined;
  return { step, state, code: err.code, awsCode, message: err.message, at: new Date().toISOString() };
}
