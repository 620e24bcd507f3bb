import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { getMonitorData } from "@/lib/monitor/get-monitor-data";

export const dynamic = "force-dynamic";

/** GET ?range=live|1h|24h|all[&since=<epoch ms>]: the monitor page's polling endpoint. */
export const GET = apiRoute({
  ...V1.samples,
  run: ({ params, query }) => getMonitorData({ migrationId: params.id, range: query.range, sinceMs: query.since }),
});
