import "server-only";
import { createActionClient, type ActionDeps } from "./safe-action";
import { clientIp, getCurrentUser } from "./current-user";
import { recordUnexpected } from "../events/record-unexpected";
import { recordRefusal } from "../auth/record-refusal";

/** What every Ferry action uses to read its request, report failures and audit refusals. */
export const actionDeps: ActionDeps = {
  getContext: async () => ({ user: await getCurrentUser(), ip: await clientIp() }),
  reportUnexpected: (err, where) => recordUnexpected(err, `action ${where}`),
  recordRefusal,
};

/** The one way to write a server action in Ferry (see safe-action.ts). */
export const defineAction = createActionClient(actionDeps);
