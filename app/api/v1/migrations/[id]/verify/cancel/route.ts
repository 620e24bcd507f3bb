import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { cancelVerification } from "@/lib/verify/jobs/cancel-verification";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ ...V1.cancelVerify, run: ({ user, params }) => cancelVerification({ actor: user, migrationId: params.id }) });
