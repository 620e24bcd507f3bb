import "server-only";
import { createActionClient, type ActionDeps } from "./safe-action";
import { clientIp, getCurrentUser } from "./current-user";
import { recordEvent } from "../events/record-event";
import { recordRefusal } from "../auth/record-refusal";
import { logError } from "../log-error";

/** What every Ferry action uses to read its request, report failures and audit refusals. */
export const actionDeps: ActionDeps = {
  getContext: async () => ({ user: await getCurrentUser(), ip: await clientIp() }),
  reportUnexpected: async (err, where) => {
    const message = err instanceof Error ? err.message : String(err);
    logError(`[ferry] action ${where} failed:`, err);
    return recordEvent({ type: "error.unexpected", level: "error", message: `${where}: ${message}` });
  },
  recordRefusal,
};

/** The one way to write a server action in Ferry (see safe-action.ts). */
export const defineAction = createActionClient(actionDeps);
