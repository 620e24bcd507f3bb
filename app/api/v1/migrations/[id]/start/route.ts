import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { startMigration } from "@/lib/flows/intents/start-migration";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ ...V1.start, run: ({ user, params }) => startMigration({ actor: user, migrationId: params.id }) });
