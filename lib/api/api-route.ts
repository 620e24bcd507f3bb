import "server-only";
import { getCurrentUser } from "../actions/current-user";
import { recordUnexpected } from "../events/record-unexpected";
import { createRouteHandler } from "./route-handler";
import { idempotencyStore } from "./idempotency-store";
import { logger } from "../logger";
import { resolveBearerToken } from "../api-tokens/resolve-bearer-token";

/** The one way to write an /api route in Ferry (see route-handler.ts). */
export const apiRoute = createRouteHandler({
  // An explicit bearer token first (automation), then the session cookie (the browser).
  resolvers: [resolveBearerToken, async () => getCurrentUser()],
  reportUnexpected: (err, where) => recordUnexpected(err, `api ${where}`),
  idempotency: idempotencyStore,
  logRequest: (entry) => logger().info(entry, "api request"),
});
