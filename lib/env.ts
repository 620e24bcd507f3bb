import { z } from "zod";
import { parseTrustedProxies } from "./net/trusted-proxies";
import { decodeSecretKey } from "./crypto/decode-secret-key";

// The same rule as the code that uses the key, so a key that passes here works.
const ZSecretKey = z
  .string()
  .optional()
  .refine((v) => v === undefined || decodeSecretKey(v) !== null, { message: "must be 32 bytes, as 64 hex characters or base64" });

/** The background loops a process can run (lib/background.ts). */
export const BACKGROUND_LOOPS = ["runner", "sampler", "verification", "replication", "webhooks"] as const;
export type TBackgroundLoop = (typeof BACKGROUND_LOOPS)[number];

/**
 * Every setting Ferry reads, validated once. Only server modules import this.
 * A bad value stops start-up with one line naming the variable (see `formatEnvError`).
 */
const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .optional()
      .refine((v) => v === undefined || /^file:.+/.test(v) || /^postgres(ql)?:\/\/./.test(v), {
        message: 'must be a SQLite file URL such as "file:./data/ferry.db" or a PostgreSQL URL such as "postgresql://ferry@db.internal:5432/ferry"',
      }),
    FERRY_SECRET_KEY: ZSecretKey,
    // The key being replaced, during a rotation (README, "Rotating the secret key").
    FERRY_PREVIOUS_SECRET_KEY: ZSecretKey,
    FERRY_ADMIN_EMAIL: z.email({ message: "must be an email address" }).optional(),
    FERRY_ADMIN_PASSWORD: z.string().min(12, { message: "must be at least 12 characters" }).optional(),
    FERRY_SESSION_HOURS: z.coerce.number({ message: "must be a number of hours" }).int().min(1).max(24 * 30).default(12),
    // A session also ends after this long without a request (the absolute limit is FERRY_SESSION_HOURS).
    FERRY_SESSION_IDLE_MINUTES: z.coerce.number({ message: "must be a number of minutes" }).int().min(5).max(24 * 60).default(60),
    FERRY_INSECURE_COOKIES: z.enum(["0", "1"], { message: 'must be "0" or "1"' }).default("0"),
    // CloudWatch datapoint period the monitor asks for: 60 in AWS, shorter against the lab.
    FERRY_CLOUDWATCH_PERIOD_SECONDS: z.coerce.number({ message: "must be a number of seconds" }).int().min(1).max(3600).default(60),
    // "off" in web replicas when `npm run worker` runs the migrations elsewhere.
    FERRY_RUNNER: z.enum(["on", "off"], { message: 'must be "on" or "off"' }).default("on"),
    // Which background loops this process runs (comma-separated); e.g. "sampler" for a worker that only samples.
    FERRY_WORKER_LOOPS: z
      .string()
      .max(200)
      .default(BACKGROUND_LOOPS.join(","))
      .transform((v) => v.split(",").map((s) => s.trim()))
      .pipe(z.array(z.enum(BACKGROUND_LOOPS, { message: `must name loops among ${BACKGROUND_LOOPS.join(", ")}, comma-separated` })).min(1).transform((a) => [...new Set(a)])),
    // Proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDR ranges); without
    // it the client address is the socket's, so a client cannot choose the address it is throttled by.
    FERRY_TRUSTED_PROXIES: z.string().max(4096).optional().refine((v) => v === undefined || parseTrustedProxies(v) !== null, {
      message: "must be comma-separated IP addresses or CIDR ranges such as 10.0.0.0/8",
    }),
    // "1" lets an endpoint's AWS endpoint override use plain http:// (the lab and the demo only).
    FERRY_ALLOW_HTTP_AWS_ENDPOINTS: z.enum(["0", "1"], { message: 'must be "0" or "1"' }).default("0"),
    // "1" lets a webhook use plain http:// (tests and the lab only).
    FERRY_ALLOW_HTTP_WEBHOOKS: z.enum(["0", "1"], { message: 'must be "0" or "1"' }).default("0"),
    // Turns on /metrics; scrapers send it as a bearer token.
    FERRY_METRICS_TOKEN: z.string().min(16, { message: "must be at least 16 characters" }).max(256).optional(),
    FERRY_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { message: "must be fatal, error, warn, info, debug, trace or silent" }).default("info"),
    AWS_ENDPOINT_URL: z.url({ message: "must be a URL such as http://127.0.0.1:4566" }).optional(),
    AWS_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: "must be an AWS region such as us-east-1" }).optional(),
  })
  .refine((e) => !e.FERRY_ADMIN_EMAIL === !e.FERRY_ADMIN_PASSWORD, {
    message: "FERRY_ADMIN_EMAIL and FERRY_ADMIN_PASSWORD must be set together",
    path: ["FERRY_ADMIN_PASSWORD"],
  })
  // The generated key file lives beside the SQLite file; replicas on PostgreSQL must share one key.
  .refine((e) => !e.DATABASE_URL?.startsWith("postgres") || !!e.FERRY_SECRET_KEY, {
    message: "must be set with a PostgreSQL DATABASE_URL (the same key in every web replica and worker)",
    path: ["FERRY_SECRET_KEY"],
  });

export type TEnv = z.infer<typeof ZEnv>;

export class EnvError extends Error {}

/** Parses an environment; throws EnvError with one line naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): TEnv {
  // An empty variable means "unset", as in most shells' `FOO= cmd`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = ZEnv.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue.path[0] ?? "environment");
  throw new EnvError(`Invalid setting ${name}: ${issue.message}`);
}

let cached: TEnv | undefined;

/** The validated process environment (parsed on first use). */
export function env(): TEnv {
  return (cached ??= parseEnv(process.env));
}

/**
 * For process entry points: a bad setting stops the process with one line naming the variable.
 * Call it before importing anything that reads the environment at import time (lib/db.ts does).
 */
export function exitOnBadEnv(): void {
  try {
    env();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    console.error(`[ferry] ${err.message}`);
    process.exit(1);
  }
}
