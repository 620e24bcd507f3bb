import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/actions/current-user";
import { hasRole } from "@/lib/auth/roles";
import { isAppError } from "@/lib/errors";
import { getMonitorData } from "@/lib/monitor/get-monitor-data";
import { PageHeader } from "@/components/page-header";
import { MonitorView } from "@/components/monitor/monitor-view";
import { VerificationPanel } from "@/components/verify/verification-panel";
import { ServerlessLive } from "@/components/serverless/serverless-live";
import { getServerlessView } from "@/lib/serverless/get-serverless-view";

export const metadata: Metadata = { title: "Monitor" };

/** First paint from the server; the client view then polls the samples API. */
export default async function MonitorPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const initial = await getMonitorData({ migrationId: id, range: "live" }).catch((err) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const m = initial.migration;
  const serverless = m.strategy === "serverless-online" ? await getServerlessView(id) : null;
  return (
    <>
      <PageHeader
        title={`Monitor · ${m.name}`}
        description={`${m.sourceName} → ${m.targetName}`}
        actions={<Link href={`/migrations/${id}`} className="text-sm text-primary hover:underline">Migration page (run, abort)</Link>}
      />
      {serverless ? <div className="mb-6"><ServerlessLive initial={serverless} /></div> : null}
      <MonitorView initial={initial} canOperate={hasRole(user.role, "operator")} />
      {/* Verify from here too: while in sync (rounds absorb writes in flight) or after cutover. */}
      <div className="mt-6"><VerificationPanel migrationId={id} canOperate={hasRole(user.role, "operator")} /></div>
    </>
  );
}
