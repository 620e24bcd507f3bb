import "server-only";
import { createActionClient } from "./safe-action";
import { clientIp, getCurrentUser } from "./current-user";
import { recordUnexpected } from "../events/record-unexpected";

/** The one way to write a server action in Ferry (see safe-action.ts). */
export const defineAction = createActionClient({
  getContext: async () => ({ user: await getCurrentUser(), ip: await clientIp() }),
  reportUnexpected: (err, where) => recordUnexpected(err, `action ${where}`),
});
