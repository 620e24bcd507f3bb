import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { testEndpoint } from "@/lib/endpoints/test-endpoint";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ ...V1.testEndpoint, run: ({ user, params }) => testEndpoint({ actor: user, id: params.id }) });
