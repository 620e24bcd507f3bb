import { z } from "zod";

/**
 * What an operator sets for a migration into ElastiCache Serverless (Migration.options.serverless).
 * Source AUTH only as a Secrets Manager secret ARN: ElastiCache never takes a password, and
 * neither does this form. Read and written through lib/migrations/migration-record.ts.
 */
export const ZServerlessOptionFields = z.object({
    secretArn: z.string().trim().max(2048).regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/, "A Secrets Manager secret ARN.").optional(),
    tlsMode: z.enum(["none", "verify-ca"]).default("none"),
    /** PEM of the CA that signed the source's certificate (public material). */
    tlsCertificate: z.string().trim().max(16_384).regex(/-----BEGIN CERTIFICATE-----/, "A PEM certificate.").optional(),
    cutoverMode: z.enum(["manual", "auto"]).default("manual"),
    /** The operator typed the cache's name to let StartMigration replace what the cache holds. */
    clearTargetCacheData: z.object({ confirmedBy: z.string().max(320), at: z.string().max(40) }).optional(),
});

export const ZServerlessOptions = ZServerlessOptionFields.refine((o) => o.tlsMode !== "verify-ca" || !!o.tlsCertificate, { path: ["tlsCertificate"], message: "verify-ca needs the CA certificate (PEM)." });

export type TServerlessOptions = z.output<typeof ZServerlessOptions>;
export type TServerlessOptionsInput = z.input<typeof ZServerlessOptions>;

export const DEFAULT_SERVERLESS_OPTIONS: TServerlessOptions = { tlsMode: "none", cutoverMode: "manual" };
