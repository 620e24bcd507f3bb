import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { getMigration } from "@/lib/migrations/get-migration";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ ...V1.getMigration, run: ({ params }) => getMigration(params.id) });
