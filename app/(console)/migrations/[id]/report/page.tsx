import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/actions/current-user";
import { isAppError } from "@/lib/errors";
import { buildReportModel } from "@/lib/report/build-report-model";
import { REPORT_FORMATS } from "@/lib/report/render-report-download";
import { PageHeader } from "@/components/page-header";
import { Card, CardTitle } from "@/components/ui/card";
import { ReportVerdictBanner } from "@/components/report/report-verdict-banner";
import { ReportEventsSection, ReportPreflightSection, ReportVerificationSection } from "@/components/report/report-sections";
import { ReportBaselinesSection, ReportReplicationSection, ReportSnapshotSection, ReportSyncSection } from "@/components/report/report-strategy-sections";
import { ReportShardsSection } from "@/components/report/report-shards-section";
import { fmtTime } from "@/lib/report/report-format";

export const metadata: Metadata = { title: "Validation report" };
export const dynamic = "force-dynamic";

const LABELS = { json: "JSON", csv: "CSV of differences", html: "HTML", pdf: "PDF" } as const;
const ZRun = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/).optional();

export default async function ReportPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ run?: string | string[] }> }) {
  await requireUser();
  const { id } = await params;
  const run = ZRun.safeParse((await searchParams).run);
  if (!run.success) notFound();
  const report = await buildReportModel({ migrationId: id, runId: run.data }).catch((err) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const { source, target } = report.endpoints;
  const runQuery = run.data ? `&run=${encodeURIComponent(run.data)}` : "";
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
              <a key={f} href={`/api/v1/migrations/${id}/report?format=${f}${runQuery}`} download className="inline-flex h-9 items-center rounded-md border border-border px-4 text-sm font-medium hover:bg-muted">
                {LABELS[f]}
              </a>
            ))}
          </div>
        </Card>
        {report.snapshot ? <ReportSnapshotSection s={report.snapshot} /> : null}
        <ReportVerificationSection r={report} />
        {report.sync ? <ReportSyncSection s={report.sync} /> : null}
        {report.replication ? <ReportReplicationSection r={report.replication} /> : null}
        {report.shards ? <ReportShardsSection s={report.shards} /> : null}
        <ReportBaselinesSection b={report.baselines} persistence={report.persistence} />
        <ReportPreflightSection p={report.preflight} />
        <ReportEventsSection events={report.events} truncated={report.eventsTruncated} />
      </div>
    </>
  );
}
