import { getCurrentUser } from "@/lib/actions/current-user";
import { isAppError } from "@/lib/errors";
import { getServerlessView } from "@/lib/serverless/get-serverless-view";

export const dynamic = "force-dynamic";

/** GET: the live state of a migration into ElastiCache Serverless (MigrationSummary, events, source clients, CloudWatch). */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: { code: "UNAUTHENTICATED", message: "Sign in first." } }, { status: 401 });
  const { id } = await ctx.params;
  try {
    return Response.json(await getServerlessView(id), { headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (isAppError(err) && (err.code === "NOT_FOUND" || err.code === "INVALID_INPUT")) {
      return Response.json({ error: { code: err.code, message: err.message } }, { status: err.code === "NOT_FOUND" ? 404 : 400 });
    }
    throw err;
  }
}
