import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { runMigrationPreflight } from "@/lib/migrations/run-migration-preflight";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ ...V1.preflight, run: async ({ user, params }) => { const r = await runMigrationPreflight({ actor: user, migrationId: params.id }); return { id: r.id, summary: r.summary }; } });
