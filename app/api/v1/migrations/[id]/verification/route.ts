import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { ZMigrationParams } from "@/lib/api/route-params";
import { getLatestVerification } from "@/lib/verify/jobs/verification-status";

export const dynamic = "force-dynamic";

/** GET: the latest verification of a migration (progress while it runs), polled by the verification panel. */
export const GET = apiRoute({
  name: "verification",
  role: "viewer",
  params: ZMigrationParams,
  query: z.object({}),
  run: async ({ params }) => ({ verification: await getLatestVerification(params.id) }),
});
