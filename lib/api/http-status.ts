import type { ErrorCode } from "../errors";

/**
 * The one map from an AppError code to the HTTP status every /api route answers with. A new
 * ErrorCode does not compile until it is given a status here.
 */
export const HTTP_STATUS: Record<ErrorCode | "INTERNAL", number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  ILLEGAL_TRANSITION: 409,
  PREFLIGHT_FAILED: 409,
  // An endpoint or AWS answered badly: Ferry is a gateway to it.
  REDIS_DNS: 502,
  REDIS_REFUSED: 502,
  REDIS_TIMEOUT: 504,
  REDIS_TLS: 502,
  REDIS_AUTH_FAILED: 502,
  REDIS_NOT_REDIS: 502,
  REDIS_READ_ONLY_GUARD: 500,
  REDIS_NOPERM: 502,
  REDIS_ERROR: 502,
  VERIFY_CANCELLED: 409,
  RUNNER_ERROR: 500,
  RECORD_INVALID: 500,
  AWS_ACCESS_DENIED: 502,
  AWS_NOT_FOUND: 502,
  AWS_THROTTLED: 503,
  AWS_TIMEOUT: 504,
  AWS_ERROR: 502,
  INTERNAL: 500,
};

/** The one error body of the API: `{ "error": { "code", "message" } }`. */
export function apiError(code: ErrorCode | "INTERNAL", message: string): Response {
  return Response.json({ error: { code, message } }, { status: HTTP_STATUS[code], headers: { "Cache-Control": "no-store" } });
}
