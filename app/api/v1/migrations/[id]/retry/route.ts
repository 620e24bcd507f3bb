import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { retryMigration } from "@/lib/flows/intents/retry-migration";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ ...V1.retry, run: ({ user, params }) => retryMigration({ actor: user, migrationId: params.id }) });
