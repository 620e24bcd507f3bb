import { redactRedisError } from "./redis/redact-redis-error";

/** Logs an unexpected error with its context, credentials removed (see redactRedisError). */
export function logError(context: string, err: unknown): void {
  console.error(context, redactRedisError(err));
}
