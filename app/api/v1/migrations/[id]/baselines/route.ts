import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { captureEndpointBaseline } from "@/lib/baselines/capture-endpoint-baseline";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ ...V1.baselines, run: async ({ user, params, body }) => { const { id, baseline } = await captureEndpointBaseline({ actor: user, migrationId: params.id, ...body }); return { id, totalKeys: baseline.totalKeys }; } });
