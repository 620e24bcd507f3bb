import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { listMigrations } from "@/lib/migrations/list-migrations";
import { createMigration } from "@/lib/migrations/create-migration";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ ...V1.listMigrations, run: () => listMigrations() });

export const POST = apiRoute({ ...V1.createMigration, run: ({ user, body }) => createMigration({ actor: user, ...body }) });
