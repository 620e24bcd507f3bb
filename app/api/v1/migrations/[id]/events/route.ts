import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { listEvents } from "@/lib/events/list-events";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ ...V1.events, run: ({ params, query }) => listEvents({ migrationId: params.id, limit: query.limit }) });
