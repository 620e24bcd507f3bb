import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { overridePreflight } from "@/lib/migrations/override-preflight";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ ...V1.override, run: async ({ user, params, body }) => (await overridePreflight({ actor: user, migrationId: params.id, ...body }), { overridden: true }) });
