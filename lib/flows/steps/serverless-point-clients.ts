import "server-only";
import { db } from "../../db";
import type { TStepDef } from "../types";
import { CLIENTS_POINTED_EVENT } from "../../serverless/migration-status";
import { readCache } from "./serverless-world";


/**
 * Shows the migration endpoint and waits for an operator to say the applications use it: from
 * then on their traffic reaches the source through ElastiCache, and cutover will not cut them off.
 */
export const serverlessPointClients: TStepDef = {
  name: "point-clients",
  label: "Point clients at the migration endpoint",
  async run(ctx) {
    const cache = await readCache(ctx);
    const endpoint = cache.migration?.endpoint ?? cache.endpoint;
    const ack = await db.event.findFirst({ where: { migrationId: ctx.migration.id, type: CLIENTS_POINTED_EVENT }, orderBy: { at: "desc" } });
    if (ack) return { status: "done", detail: { migrationEndpoint: endpoint, acknowledgedBy: ack.actorEmail, acknowledgedAt: ack.at.toISOString() } };
    return { status: "waiting", detail: { migrationEndpoint: endpoint }, note: `Point your applications at ${endpoint ? `${endpoint.address}:${endpoint.port}` : "the migration endpoint"}, then confirm.` };
  },
};
