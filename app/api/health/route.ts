import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

/** Liveness for scripts and load balancers: the process answers and the database is reachable. */
export async function GET() {
  await db.user.count();
  return Response.json({ ok: true });
}
