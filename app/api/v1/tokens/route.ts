import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { createApiToken } from "@/lib/api-tokens/create-api-token";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ ...V1.listTokens, run: () => listApiTokens() });

export const POST = apiRoute({ ...V1.createToken, run: ({ user, body }) => createApiToken({ actor: user, ...body }) });
