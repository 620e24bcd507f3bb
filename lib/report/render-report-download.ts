import "server-only";
import { buildReportModel } from "./build-report-model";
import { renderMismatchesCsv } from "./render-mismatches-csv";
import { renderReportHtml } from "./render-report-html";
import { renderReportJson } from "./render-report-json";
import { renderReportPdf } from "./render-report-pdf";
import { reportFilename, type TReportFormat } from "./report-filename";

export const REPORT_FORMATS: readonly TReportFormat[] = ["json", "csv", "html", "pdf"];

const CONTENT_TYPES: Record<TReportFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
};

/** One download of a migration's report: the body, its content type and the attachment filename. */
export async function renderReportDownload(migrationId: string, format: TReportFormat): Promise<{ body: BodyInit; contentType: string; filename: string }> {
  const model = await buildReportModel(migrationId);
  const filename = reportFilename(model.migration.name, format, new Date(model.generatedAt));
  const body =
    format === "json" ? renderReportJson(model)
    : format === "csv" ? renderMismatchesCsv(model.verification?.id ?? null)
    : format === "html" ? renderReportHtml(model)
    : new Blob([(await renderReportPdf(model)) as Uint8Array<ArrayBuffer>]);
  return { body, contentType: CONTENT_TYPES[format], filename };
}
