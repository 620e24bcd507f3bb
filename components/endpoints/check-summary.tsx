import type { TEndpointView } from "@/lib/endpoints/endpoint-view";
import { formatBytes } from "@/lib/format-bytes";
import { Badge } from "../ui/badge";
import { TimeAt } from "../time/time-at";
import { ClusterSummary } from "./cluster-summary";

/** What the last connection test (or the last completed migration) says of an endpoint. */
export function CheckSummary({ check, lastUsed }: { check: TEndpointView["lastCheck"]; lastUsed?: TEndpointView["lastUsed"] }) {
  const used = lastUsed ? <span className="block text-xs text-muted-fg">Used by migration {lastUsed.migration}, completed <TimeAt at={lastUsed.at} precision="minute" zone /></span> : null;
  if (!check) return used ? <span className="text-sm"><Badge tone="ok">worked</Badge>{used}</span> : <span className="whitespace-nowrap text-muted-fg">never tested</span>;
  if (!check.ok) return <span><Badge tone="danger">{check.code}</Badge> <span className="text-sm">{check.message}</span>{used}</span>;
  return (
    <span className="text-sm">
      <Badge tone="ok">reachable</Badge> {check.engine} {check.version} · {check.role} · {check.mode} · {check.totalKeys.toLocaleString("en-US")} keys · {formatBytes(check.usedMemory)} used · {check.latencyMs} ms
      {check.node ? <span className="text-muted-fg"> · {check.node}</span> : null}
      {check.cluster ? <ClusterSummary cluster={check.cluster} /> : null}
      {used}
    </span>
  );
}
