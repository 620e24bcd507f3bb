import pino, { type DestinationStream, type Logger } from "pino";

/** Field paths that may carry a secret wherever they appear in a log line. */
export const REDACT_PATHS = [
  "password", "*.password", "token", "*.token", "secret", "*.secret", "authorization", "*.authorization",
  "headers.authorization", "headers.cookie", "*.passwordEnc", "*.secretEnc", "*.externalId",
];

/** One JSON logger per process; FERRY_LOG_LEVEL sets the level (read directly: logging must work even when other settings are bad). */
export function createLogger(dest?: DestinationStream, level = process.env.FERRY_LOG_LEVEL || "info"): Logger {
  return pino({ level, base: { app: "ferry" }, redact: { paths: REDACT_PATHS, censor: "[redacted]" }, timestamp: pino.stdTimeFunctions.isoTime }, dest);
}

const holder = globalThis as unknown as { ferryLogger?: Logger };

export function logger(): Logger {
  return (holder.ferryLogger ??= createLogger());
}
