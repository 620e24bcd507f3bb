import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { createWebhook, listWebhooks } from "@/lib/webhooks/webhook-store";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ ...V1.listWebhooks, run: () => listWebhooks() });

export const POST = apiRoute({ ...V1.createWebhook, run: ({ user, body }) => createWebhook({ actor: user, input: body }) });
