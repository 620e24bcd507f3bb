"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { testEndpointAction } from "@/lib/actions/test-endpoint";
import { deleteEndpointAction } from "@/lib/actions/delete-endpoint";
import { captureBaselineAction } from "@/lib/actions/capture-baseline";
import type { TEndpointView } from "@/lib/endpoints/endpoint-view";
import { Button } from "../ui/button";
import { Table, Td, Th } from "../ui/table";
import { CheckSummary } from "./check-summary";

export function EndpointTable({ endpoints, canOperate }: { endpoints: TEndpointView[]; canOperate: boolean }) {
  return (
    <Table>
      <thead><tr><Th>Name</Th><Th>Kind</Th><Th>Address</Th><Th className="whitespace-nowrap">Last check</Th>{canOperate ? <Th /> : null}</tr></thead>
      <tbody>{endpoints.map((ep) => <EndpointRow key={ep.id} ep={ep} canOperate={canOperate} />)}</tbody>
    </Table>
  );
}

function EndpointRow({ ep, canOperate }: { ep: TEndpointView; canOperate: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const run = (fn: () => Promise<{ ok: boolean; message?: string }>) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? undefined : r.message);
      router.refresh();
    });
  return (
    <tr data-testid={`endpoint-${ep.name}`}>
      <Td className="min-w-40 font-medium">{ep.name}</Td>
      <Td className="whitespace-nowrap">{ep.kind === "elasticache" ? "ElastiCache" : "Self-managed"}</Td>
      <Td className="font-mono text-xs">{ep.address}{ep.hasPassword ? " · auth" : ""}</Td>
      <Td data-testid="last-check"><CheckSummary check={ep.lastCheck} lastUsed={ep.lastUsed} />{error ? <p className="text-xs text-danger">{error}</p> : null}</Td>
      {canOperate ? (
        <Td>
          {/* Two by two (the wide buttons in one column), so the last check (a cluster's shard list) keeps the width. */}
          <div className="grid w-max grid-cols-[auto_auto] gap-1 whitespace-nowrap">
            <Button variant="secondary" disabled={pending} onClick={() => run(() => testEndpointAction({ id: ep.id }))}>{pending ? "Testing…" : "Test connection"}</Button>
            <Link className="inline-flex h-9 items-center justify-center rounded-md px-3 text-sm hover:bg-muted" href={`/endpoints?edit=${ep.id}#endpoint-form`} aria-label={`Edit ${ep.name}`}>Edit</Link>
            <Button variant="secondary" disabled={pending} onClick={() => run(() => captureBaselineAction({ endpointId: ep.id, label: "adhoc" }))}>Capture baseline</Button>
            <Button variant="ghost" disabled={pending} onClick={() => confirm(`Remove ${ep.name}?`) && run(() => deleteEndpointAction({ id: ep.id }))}>Remove</Button>
          </div>
        </Td>
      ) : null}
    </tr>
  );
}
