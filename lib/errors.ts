/**
 * Expected failures carry a code and a message that is safe to show an operator.
 * Anything that is not an AppError is logged with context and shown as a generic message.
 */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "ILLEGAL_TRANSITION"
  | "PREFLIGHT_FAILED"
  | "REDIS_DNS"
  | "REDIS_REFUSED"
  | "REDIS_TIMEOUT"
  | "REDIS_TLS"
  | "REDIS_AUTH_FAILED"
  | "REDIS_NOT_REDIS"
  | "REDIS_READ_ONLY_GUARD"
  | "REDIS_NOPERM"
  | "REDIS_ERROR"
  | "VERIFY_CANCELLED"
  | "RUNNER_ERROR"
  /** A stored JSON column (options, step detail, last error) is not of the recorded shape. */
  | "RECORD_INVALID"
  | "AWS_ACCESS_DENIED"
  | "AWS_NOT_FOUND"
  | "AWS_THROTTLED"
  | "AWS_TIMEOUT"
  | "AWS_ERROR";

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Extra detail that is safe to show (never secrets). */
  readonly detail?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, detail?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.detail = detail;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
