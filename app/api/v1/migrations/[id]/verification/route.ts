import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { getLatestVerification } from "@/lib/verify/jobs/verification-status";

export const dynamic = "force-dynamic";

/** GET: the latest verification of a migration (progress while it runs), polled by the verification panel. */
export const GET = apiRoute({
  ...V1.verification,
  run: async ({ params }) => ({ verification: await getLatestVerification(params.id) }),
});
