import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { ZMigrationParams } from "@/lib/api/route-params";
import { getMonitorData } from "@/lib/monitor/get-monitor-data";
import { RANGES } from "@/lib/monitor/query-samples";

export const dynamic = "force-dynamic";

const ZQuery = z.object({
  range: z.enum(RANGES, { error: "range must be live, 1h, 24h or all." }).default("live"),
  since: z.coerce.number().int().positive().optional(),
});

/** GET ?range=live|1h|24h|all[&since=<epoch ms>]: the monitor page's polling endpoint. */
export const GET = apiRoute({
  name: "samples",
  role: "viewer",
  params: ZMigrationParams,
  query: ZQuery,
  run: ({ params, query }) => getMonitorData({ migrationId: params.id, range: query.range, sinceMs: query.since }),
});
