import { z } from "zod";
import { apiRoute } from "@/lib/api/api-route";
import { ZMigrationParams } from "@/lib/api/route-params";
import { renderReportDownload } from "@/lib/report/render-report-download";

export const dynamic = "force-dynamic";

const ZQuery = z.object({
  format: z.enum(["json", "csv", "html", "pdf"], { error: "format must be json, csv, html or pdf" }).default("json"),
  /** A finished verification run of this migration; default: the one the migration recorded. */
  run: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "run must be a verification run id").optional(),
});

/** GET ?format=json|csv|html|pdf[&run=<id>]: the validation report as an attachment (any signed-in role). */
export const GET = apiRoute({
  name: "report",
  role: "viewer",
  params: ZMigrationParams,
  query: ZQuery,
  async run({ params, query }) {
    const { body, contentType, filename } = await renderReportDownload({ migrationId: params.id, format: query.format, runId: query.run });
    return new Response(body, { headers: { "Content-Type": contentType, "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" } });
  },
});
