import { z } from "zod";
import { getCurrentUser } from "@/lib/actions/current-user";
import { isAppError } from "@/lib/errors";
import { getMonitorData } from "@/lib/monitor/get-monitor-data";
import { RANGES } from "@/lib/monitor/query-samples";

export const dynamic = "force-dynamic";

const ZQuery = z.object({ range: z.enum(RANGES).default("live"), since: z.coerce.number().int().positive().optional() });

/** GET ?range=live|1h|24h|all[&since=<epoch ms>]: the monitor page's polling endpoint. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: { code: "UNAUTHENTICATED", message: "Sign in first." } }, { status: 401 });
  const url = new URL(req.url);
  const q = ZQuery.safeParse({ range: url.searchParams.get("range") ?? undefined, since: url.searchParams.get("since") ?? undefined });
  if (!q.success) return Response.json({ error: { code: "INVALID_INPUT", message: "range must be live, 1h, 24h or all." } }, { status: 400 });
  const { id } = await ctx.params;
  try {
    const data = await getMonitorData({ migrationId: id, range: q.data.range, sinceMs: q.data.since });
    return Response.json(data, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (isAppError(err) && err.code === "NOT_FOUND") return Response.json({ error: { code: err.code, message: err.message } }, { status: 404 });
    throw err;
  }
}
