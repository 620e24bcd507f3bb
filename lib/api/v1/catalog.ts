import { z } from "zod";
import { ZEndpointInput } from "../../endpoints/endpoint-input";
import { RANGES } from "../../monitor/query-samples";
import { ZApiTokenInput } from "../../api-tokens/api-token-input";
import { ZWebhookInput } from "../../webhooks/webhook-input";
import { ZMigrationParams } from "../route-params";
import { ZBaselineInput, ZConfirmName, ZCreateMigrationInput, ZOverrideReason, ZVerifyInput } from "./v1-inputs";

const NONE = z.object({});
const ID = ZMigrationParams;

type TSpec = { method: "GET" | "POST" | "DELETE"; path: string; name: string; role: "viewer" | "operator" | "admin"; summary: string; params: z.ZodType; query: z.ZodType; body?: z.ZodType; idempotent?: boolean };

/**
 * Every /api/v1 route's address, role and input schemas, in one place: the route files spread an
 * entry into apiRoute and add `run`; openapi.ts builds the OpenAPI document from the same entries,
 * so the document cannot drift from what the routes accept.
 */
export const V1 = {
  listEndpoints: { method: "GET", path: "/api/v1/endpoints", name: "listEndpoints", role: "viewer", summary: "List endpoints (never their secrets).", params: NONE, query: NONE },
  createEndpoint: { method: "POST", path: "/api/v1/endpoints", name: "createEndpoint", role: "operator", summary: "Register an endpoint.", params: NONE, query: NONE, body: ZEndpointInput },
  deleteEndpoint: { method: "DELETE", path: "/api/v1/endpoints/{id}", name: "deleteEndpoint", role: "operator", summary: "Delete an endpoint no migration uses.", params: ID, query: NONE },
  testEndpoint: { method: "POST", path: "/api/v1/endpoints/{id}/test", name: "testEndpoint", role: "operator", summary: "Connect read-only and report what the endpoint is.", params: ID, query: NONE },
  listMigrations: { method: "GET", path: "/api/v1/migrations", name: "listMigrations", role: "viewer", summary: "List migrations.", params: NONE, query: NONE },
  createMigration: { method: "POST", path: "/api/v1/migrations", name: "createMigration", role: "operator", summary: "Plan a migration.", params: NONE, query: NONE, body: ZCreateMigrationInput },
  getMigration: { method: "GET", path: "/api/v1/migrations/{id}", name: "getMigration", role: "viewer", summary: "A migration, its steps and state.", params: ID, query: NONE },
  preflight: { method: "POST", path: "/api/v1/migrations/{id}/preflight", name: "preflight", role: "operator", summary: "Run the pre-flight checks.", params: ID, query: NONE },
  override: { method: "POST", path: "/api/v1/migrations/{id}/override", name: "overridePreflight", role: "operator", summary: "Override failed pre-flight checks, with a reason for the report.", params: ID, query: NONE, body: ZOverrideReason },
  baselines: { method: "POST", path: "/api/v1/migrations/{id}/baselines", name: "captureBaseline", role: "operator", summary: "Capture a baseline of one end.", params: ID, query: NONE, body: ZBaselineInput },
  start: { method: "POST", path: "/api/v1/migrations/{id}/start", name: "startMigration", role: "operator", summary: "Start the migration (Idempotency-Key honoured).", params: ID, query: NONE, idempotent: true },
  cutover: { method: "POST", path: "/api/v1/migrations/{id}/cutover", name: "cutoverMigration", role: "operator", summary: "Cut over, typing the target's name (Idempotency-Key honoured).", params: ID, query: NONE, body: ZConfirmName, idempotent: true },
  clientsSwitched: { method: "POST", path: "/api/v1/migrations/{id}/clients-switched", name: "confirmClientsSwitched", role: "operator", summary: "Replicate cutover, second step: once the final verification is clean, confirm clients now use the target (records the cutover).", params: ID, query: NONE },
  abort: { method: "POST", path: "/api/v1/migrations/{id}/abort", name: "abortMigration", role: "operator", summary: "Abort, typing the target's name.", params: ID, query: NONE, body: ZConfirmName },
  retry: { method: "POST", path: "/api/v1/migrations/{id}/retry", name: "retryMigration", role: "operator", summary: "Retry the failed step.", params: ID, query: NONE },
  verify: { method: "POST", path: "/api/v1/migrations/{id}/verify", name: "startVerification", role: "operator", summary: "Start a verification.", params: ID, query: NONE, body: ZVerifyInput },
  cancelVerify: { method: "POST", path: "/api/v1/migrations/{id}/verify/cancel", name: "cancelVerification", role: "operator", summary: "Cancel the running verification.", params: ID, query: NONE },
  verification: { method: "GET", path: "/api/v1/migrations/{id}/verification", name: "verification", role: "viewer", summary: "The latest verification and its progress.", params: ID, query: NONE },
  events: { method: "GET", path: "/api/v1/migrations/{id}/events", name: "events", role: "viewer", summary: "The migration's timeline, newest first.", params: ID, query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }) },
  samples: {
    method: "GET", path: "/api/v1/migrations/{id}/samples", name: "samples", role: "viewer", summary: "Monitor samples.", params: ID,
    query: z.object({ range: z.enum(RANGES, { error: "range must be live, 1h, 24h or all." }).default("live"), since: z.coerce.number().int().positive().optional() }),
  },
  report: {
    method: "GET", path: "/api/v1/migrations/{id}/report", name: "report", role: "viewer", summary: "The validation report as json, csv, html or pdf.", params: ID,
    query: z.object({
      format: z.enum(["json", "csv", "html", "pdf"], { error: "format must be json, csv, html or pdf" }).default("json"),
      /** A finished verification run of this migration; default: the one the migration recorded. */
      run: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "run must be a verification run id").optional(),
    }),
  },
  listTokens: { method: "GET", path: "/api/v1/tokens", name: "listTokens", role: "admin", summary: "List API tokens (admins).", params: NONE, query: NONE },
  createToken: { method: "POST", path: "/api/v1/tokens", name: "createToken", role: "admin", summary: "Create an API token; the secret is in this answer only.", params: NONE, query: NONE, body: ZApiTokenInput },
  revokeToken: { method: "DELETE", path: "/api/v1/tokens/{id}", name: "revokeToken", role: "admin", summary: "Revoke an API token.", params: ID, query: NONE },
  listWebhooks: { method: "GET", path: "/api/v1/webhooks", name: "listWebhooks", role: "admin", summary: "List webhooks and their recent deliveries.", params: NONE, query: NONE },
  createWebhook: { method: "POST", path: "/api/v1/webhooks", name: "createWebhook", role: "admin", summary: "Register a webhook; its signing secret is in this answer only.", params: NONE, query: NONE, body: ZWebhookInput },
  deleteWebhook: { method: "DELETE", path: "/api/v1/webhooks/{id}", name: "deleteWebhook", role: "admin", summary: "Delete a webhook.", params: ID, query: NONE },
} as const satisfies Record<string, TSpec>;

export type TV1Spec = TSpec;
