import { getCurrentUser } from "@/lib/actions/current-user";
import { isAppError } from "@/lib/errors";
import { REPORT_FORMATS, renderReportDownload } from "@/lib/report/render-report-download";
import type { TReportFormat } from "@/lib/report/report-filename";

export const dynamic = "force-dynamic";

/** GET ?format=json|csv|html|pdf: the validation report as an attachment (any signed-in role). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!(await getCurrentUser())) return Response.json({ error: "UNAUTHENTICATED" }, { status: 401 });
  const format = (new URL(request.url).searchParams.get("format") ?? "json") as TReportFormat;
  if (!REPORT_FORMATS.includes(format)) return Response.json({ error: "INVALID_INPUT", message: "format must be json, csv, html or pdf" }, { status: 400 });
  try {
    const { body, contentType, filename } = await renderReportDownload((await params).id, format);
    return new Response(body, {
      headers: { "Content-Type": contentType, "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
    });
  } catch (err) {
    if (isAppError(err) && err.code === "NOT_FOUND") return Response.json({ error: "NOT_FOUND", message: err.message }, { status: 404 });
    throw err;
  }
}
