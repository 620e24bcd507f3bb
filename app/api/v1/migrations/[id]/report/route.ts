import { apiRoute } from "@/lib/api/api-route";
import { V1 } from "@/lib/api/v1/catalog";
import { renderReportDownload } from "@/lib/report/render-report-download";

export const dynamic = "force-dynamic";

/** GET ?format=json|csv|html|pdf[&run=<id>]: the validation report as an attachment (any signed-in role). */
export const GET = apiRoute({
  ...V1.report,
  async run({ params, query }) {
    const { body, contentType, filename } = await renderReportDownload({ migrationId: params.id, format: query.format, runId: query.run });
    return new Response(body, { headers: { "Content-Type": contentType, "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" } });
  },
});
