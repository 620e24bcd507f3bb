import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { cutoverMigration } from "@/lib/flows/intents/cutover-migration";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ ...V1.cutover, run: ({ user, params, body }) => cutoverMigration({ actor: user, migrationId: params.id, ...body }) });
