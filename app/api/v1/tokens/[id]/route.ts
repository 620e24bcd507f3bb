import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute({ ...V1.revokeToken, run: ({ user, params }) => revokeApiToken({ actor: user, tokenId: params.id }) });
