import { ZReport, type TReport } from "./report-schema";

/** The JSON download: the model checked against its schema, pretty-printed for humans reading tickets. */
export function renderReportJson(model: TReport): string {
  return `${JSON.stringify(ZReport.parse(model), null, 2)}\n`;
}
