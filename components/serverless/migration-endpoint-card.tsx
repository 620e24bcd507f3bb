"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { acknowledgeClientsPointedAction } from "@/lib/actions/acknowledge-clients-pointed";
import type { TServerlessView } from "@/lib/serverless/get-serverless-view";
import { Button } from "../ui/button";
import { Card, CardTitle } from "../ui/card";

/** The migration endpoint with a copy button, and the operator's "our clients use it now". */
export function MigrationEndpointCard({ view, canOperate }: { view: TServerlessView; canOperate: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string>();
  const copy = async () => {
    if (!view.endpoint) return;
    await navigator.clipboard.writeText(view.endpoint).then(() => setCopied(true), () => setError("The browser refused the clipboard; select the endpoint and copy it by hand."));
  };
  const acknowledge = () =>
    start(async () => {
      const r = await acknowledgeClientsPointedAction({ migrationId: view.migrationId, endpoint: view.endpoint ?? "" });
      setError(r.ok ? undefined : r.message);
      router.refresh();
    });
  return (
    <Card data-testid="migration-endpoint">
      <CardTitle>Migration endpoint</CardTitle>
      <p className="mb-3 text-sm text-muted-fg">
        Until cutover, ElastiCache forwards this endpoint to your source; after cutover it serves <strong>{view.cacheName}</strong>. Point
        your applications at it before the sync starts: they keep working through the cutover without reconnecting elsewhere.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="rounded-md border border-border bg-muted px-3 py-1.5 text-sm" data-testid="migration-endpoint-address">{view.endpoint ?? "available once PrepareMigration has succeeded"}</code>
        <Button variant="secondary" disabled={!view.endpoint} onClick={copy} data-testid="copy-endpoint">{copied ? "Copied" : "Copy"}</Button>
        <span className="text-sm" data-testid="migration-status">
          AWS: {view.summary ? `${view.summary.status}${view.summary.cutoverMode ? ` · ${view.summary.cutoverMode} cutover` : ""}` : view.cacheStatus ?? "unknown"}
        </span>
      </div>
      {view.acknowledged ? (
        <p className="mt-3 text-sm text-ok" data-testid="clients-acknowledged">Clients use the endpoint (confirmed by {view.acknowledged.by} at {view.acknowledged.at.slice(11, 19)} UTC).</p>
      ) : canOperate && view.pointClientsWaiting ? (
        <Button className="mt-3" disabled={pending || !view.endpoint} onClick={acknowledge} data-testid="ack-clients">My applications now use this endpoint</Button>
      ) : null}
      {view.awsError ? <p className="mt-2 text-sm text-danger">{view.awsError}</p> : null}
      {error ? <p role="alert" className="mt-2 text-sm text-danger">{error}</p> : null}
    </Card>
  );
}
