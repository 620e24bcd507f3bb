import { getCurrentUser } from "@/lib/actions/current-user";
import { getLatestVerification } from "@/lib/verify/jobs/verification-status";

export const dynamic = "force-dynamic";

/** GET: the latest verification of a migration (progress while it runs), polled by the verification panel. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!(await getCurrentUser())) return Response.json({ error: "UNAUTHENTICATED" }, { status: 401 });
  return Response.json({ verification: await getLatestVerification((await params).id) }, { headers: { "Cache-Control": "no-store" } });
}
