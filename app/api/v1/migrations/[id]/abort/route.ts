import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { abortMigration } from "@/lib/flows/intents/abort-migration";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ ...V1.abort, run: ({ user, params, body }) => abortMigration({ actor: user, migrationId: params.id, ...body }) });
