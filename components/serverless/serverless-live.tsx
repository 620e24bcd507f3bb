"use client";
import { useQuery } from "@tanstack/react-query";
import type { TServerlessView } from "@/lib/serverless/get-serverless-view";
import { formatBytes } from "@/lib/format-bytes";
import { Card, CardTitle } from "../ui/card";
import { fetchServerlessView, serverlessKeys, serverlessPoll } from "./serverless-keys";

const num = (v: number | null | undefined) => (v == null ? "—" : v.toLocaleString("en-US"));

/** The monitor page's serverless card: what AWS, CloudWatch and the source say now, and what cannot be measured. */
export function ServerlessLive({ initial }: { initial: TServerlessView }) {
  const q = useQuery({ queryKey: serverlessKeys.view(initial.migrationId), queryFn: () => fetchServerlessView(initial.migrationId), initialData: initial, refetchInterval: (x) => serverlessPoll(x.state.data) });
  const v = q.data;
  const t = v.target.values;
  return (
    <Card data-testid="serverless-live">
      <CardTitle>ElastiCache Serverless: {v.cacheName}</CardTitle>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
        <dt className="text-muted-fg">MigrationSummary</dt><dd data-testid="sl-status">{v.summary ? v.summary.status : "none"}</dd>
        <dt className="text-muted-fg">Cutover mode</dt><dd>{v.summary?.cutoverMode ?? "—"}</dd>
        <dt className="text-muted-fg">Migration endpoint</dt><dd className="font-mono">{v.endpoint ?? "—"}</dd>
        <dt className="text-muted-fg">Clients confirmed</dt><dd>{v.acknowledged ? `by ${v.acknowledged.by}` : "not yet"}</dd>
        <dt className="text-muted-fg">Source keys / memory</dt><dd>{num(v.source.keys)} / {v.source.memory == null ? "—" : formatBytes(v.source.memory)}</dd>
        <dt className="text-muted-fg">Cache keys / memory (CloudWatch, max of the minute)</dt><dd>{num(t.CurrItems?.value)} / {t.BytesUsedForCache ? formatBytes(t.BytesUsedForCache.value) : "—"}</dd>
        <dt className="text-muted-fg">ECPUs (last minute)</dt><dd>{num(t.ElastiCacheProcessingUnits?.value)}</dd>
        <dt className="text-muted-fg">Source clients (not Ferry)</dt>
        <dd data-testid="sl-clients">{v.source.clients ? `${v.source.clients.external} of ${v.source.clients.total}` : v.source.error ?? "—"}</dd>
      </dl>
      {v.source.clients?.byAddress.length ? (
        <p className="mt-2 text-xs text-muted-fg">Source connections by address: {v.source.clients.byAddress.map((a) => `${a.address} ×${a.count}`).join(", ")}. Those from the cache&apos;s subnets are its migration-endpoint proxy.</p>
      ) : null}
      <h3 className="mt-4 text-sm font-medium">Events AWS posted for the cache</h3>
      <ul className="mt-1 space-y-0.5 text-xs" data-testid="sl-events">
        {v.events.length ? v.events.slice(0, 15).map((e) => <li key={`${e.at}${e.message}`}><span className="font-mono">{e.at.slice(11, 19)}</span> {e.message}</li>) : <li className="text-muted-fg">none yet</li>}
      </ul>
      <h3 className="mt-4 text-sm font-medium">Not measurable here</h3>
      <ul className="mt-1 list-disc pl-5 text-xs text-muted-fg">
        {v.notMeasurable.map((s) => <li key={s}>{s}</li>)}
        <li>Before cutover the charts&apos; target series are read through the cache endpoint, which serves the source: they show the source.</li>
        {v.target.error ? <li>CloudWatch: {v.target.error}</li> : null}
      </ul>
      {v.awsError || q.isError ? <p role="alert" className="mt-2 text-sm text-danger">{v.awsError ?? (q.error as Error).message}</p> : null}
    </Card>
  );
}
