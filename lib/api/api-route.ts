import "server-only";
import { getCurrentUser } from "../actions/current-user";
import { recordUnexpected } from "../events/record-unexpected";
import { createRouteHandler } from "./route-handler";

/** The one way to write an /api route in Ferry (see route-handler.ts). */
export const apiRoute = createRouteHandler({
  // The session cookie; the automation issue adds its API token resolver to this list.
  resolvers: [async () => getCurrentUser()],
  reportUnexpected: (err, where) => recordUnexpected(err, `api ${where}`),
});
