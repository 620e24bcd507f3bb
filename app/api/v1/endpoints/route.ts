import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { listEndpoints } from "@/lib/endpoints/list-endpoints";
import { registerEndpoint } from "@/lib/endpoints/register-endpoint";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ ...V1.listEndpoints, run: () => listEndpoints() });

export const POST = apiRoute({ ...V1.createEndpoint, run: ({ user, body }) => registerEndpoint({ actor: user, input: body }) });
