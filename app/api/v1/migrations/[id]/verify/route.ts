import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { startVerification } from "@/lib/verify/jobs/start-verification";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ ...V1.verify, run: async ({ user, params, body }) => { const run = await startVerification({ actor: user, migrationId: params.id, mode: body.mode, options: { rounds: body.rounds, reverse: body.reverse } }); return { id: run.id }; } });
