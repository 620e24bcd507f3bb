import { buildOpenApi } from "@/lib/api/v1/openapi";

export const dynamic = "force-dynamic";

/** The API description is public, like any API's documentation: it holds no data. */
export function GET(): Response {
  return Response.json(buildOpenApi(), { headers: { "Cache-Control": "no-store" } });
}
