import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { confirmClientsSwitched } from "@/lib/flows/replication/confirm-clients-switched";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ ...V1.clientsSwitched, run: ({ user, params }) => confirmClientsSwitched({ actor: user, migrationId: params.id }) });
