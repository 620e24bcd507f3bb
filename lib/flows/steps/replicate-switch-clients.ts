import "server-only";
import { db } from "../../db";
import { CLIENTS_SWITCHED_EVENT } from "../replication/confirm-clients-switched";
import type { TStepDef } from "../types";

/**
 * The second half of a replicate cutover: the target now matches the source (drained, verified,
 * repaired), so this is the moment clients may move. Waits for the operator to say they have;
 * the cutover is recorded only then, so no repair ever runs over the clients' first writes.
 */
export const replicateSwitchClients: TStepDef = {
  name: "switch-clients",
  label: "Switch clients to the target",
  async run(ctx) {
    // confirmClientsSwitched records the event only after drain-verify is done, so any one found counts.
    const ack = await db.event.findFirst({ where: { migrationId: ctx.migration.id, type: CLIENTS_SWITCHED_EVENT }, orderBy: { at: "desc" } });
    if (ack) return { status: "done", detail: { confirmedBy: ack.actorEmail, confirmedAt: ack.at.toISOString() } };
    // A migration that recorded its cutover before this step existed has nothing to wait for.
    if (ctx.migration.cutoverAt) return { status: "done", detail: { confirmedBy: null, confirmedAt: null } };
    return { status: "waiting", note: `Final verification clean: the target matches the source. Switch your clients to ${ctx.migration.target.name} now, then confirm on the monitor page (Clients now use ${ctx.migration.target.name}).` };
  },
};
