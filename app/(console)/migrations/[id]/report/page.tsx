import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/actions/current-user";
import { isAppError } from "@/lib/errors";
import { buildReportModel } from "@/lib/report/build-report-model";
import { REPORT_FORMATS } from "@/lib/report/render-report-download";
import { PageHeader } from "@/components/page-header";
import { Card, CardTitle } from "@/components/ui/card";
import { ReportVerdictBanner } from "@/components/report/report-verdict-banner";
import {
  ReportBaselinesSection, ReportEventsSection, ReportPreflightSection, ReportSyncSection, ReportVerificationSection,
} from "@/components/report/report-sections";
import { fmtTime } from "@/lib/report/report-format";

export const metadata: Metadata = { title: "Validation report" };
export const dynamic = "force-dynamic";

const LABELS = { json: "JSON", csv: "CSV of differences", html: "HTML", pdf: "PDF" } as const;

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const { id } = await params;
  const report = await buildReportModel(id).catch((err) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const { source, target } = report.endpoints;
  return (
    <>
      <PageHeader
        title={`Validation report: ${report.migration.name}`}
        description={`${report.migration.strategyLabel} · ${source.name} (${source.address}) → ${target.name} (${target.address}) · state ${report.migration.state} · generated ${fmtTime(report.generatedAt)}`}
        actions={<Link href={`/migrations/${id}`} className="text-sm font-medium text-primary hover:underline">Back to migration</Link>}
      />
      <div className="space-y-6">
        <ReportVerdictBanner verdict={report.verdict} />
        <Card>
          <CardTitle>Download</CardTitle>
          <div className="flex flex-wrap gap-3" data-testid="report-downloads">
            {REPORT_FORMATS.map((f) => (
              <a key={f} href={`/api/v1/migrations/${id}/report?format=${f}`} download className="inline-flex h-9 items-center rounded-md border border-border px-4 text-sm font-medium hover:bg-muted">
                {LABELS[f]}
              </a>
            ))}
          </div>
        </Card>
        <ReportVerificationSection v={report.verification} />
        <ReportSyncSection s={report.sync} />
        <ReportBaselinesSection b={report.baselines} persistence={report.persistence} />
        <ReportPreflightSection p={report.preflight} />
        <ReportEventsSection events={report.events} truncated={report.eventsTruncated} />
      </div>
    </>
  );
}
