import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { ZMigrationParams } from "@/lib/api/route-params";
import { readOldSourceWriters } from "@/lib/monitor/old-source-writers";

export const dynamic = "force-dynamic";

/** GET: after cutover, who still talks to and writes to the old source (the post-cutover panel polls it). */
export const GET = apiRoute({
  name: "old-source-clients",
  role: "viewer",
  params: ZMigrationParams,
  query: z.object({}),
  run: ({ params }) => readOldSourceWriters({ migrationId: params.id }),
});
