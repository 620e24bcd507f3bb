import "server-only";
import { createActionClient } from "./safe-action";
import { clientIp, getCurrentUser } from "./current-user";
import { recordEvent } from "../events/record-event";
import { recordRefusal } from "../auth/record-refusal";

/** The one way to write a server action in Ferry (see safe-action.ts). */
export const defineAction = createActionClient({
  getContext: async () => ({ user: await getCurrentUser(), ip: await clientIp() }),
  reportUnexpected: async (err, where) => {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`[ferry] action ${where} failed:`, err);
    return recordEvent({ type: "error.unexpected", level: "error", message: `${where}: ${message}` });
  },
  recordRefusal,
});
