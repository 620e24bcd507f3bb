import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { deleteWebhook } from "@/lib/webhooks/webhook-store";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute({ ...V1.deleteWebhook, run: ({ user, params }) => deleteWebhook({ actor: user, id: params.id }) });
