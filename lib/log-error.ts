import { logger } from "./logger";
import { redactRedisError } from "./redis/redact-redis-error";

/** Logs an unexpected error with its context, credentials removed (see redactRedisError), as one JSON line. */
export function logError(context: string, err: unknown, fields: { requestId?: string; migrationId?: string; user?: string } = {}): void {
  logger().error({ ...fields, err: redactRedisError(err) }, context);
}
