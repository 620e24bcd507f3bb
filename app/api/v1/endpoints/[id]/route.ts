import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { deleteEndpoint } from "@/lib/endpoints/delete-endpoint";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute({ ...V1.deleteEndpoint, run: async ({ user, params }) => (await deleteEndpoint({ actor: user, id: params.id }), { deleted: true }) });
