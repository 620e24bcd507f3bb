"use client";
import { useNow } from "../time/use-now";
import type { TRunStepView } from "@/lib/flows/get-run-view";
import { Badge } from "../ui/badge";
import { Table, Td, Th } from "../ui/table";
import { TimeAt, ZoneName, TextWithTimes } from "@/components/time/time-at";

const TONE = { pending: "neutral", running: "info", waiting: "info", done: "ok", failed: "danger", skipped: "neutral" } as const;

function duration(s: TRunStepView, nowMs: number | null): string {
  if (!s.startedAt) return "";
  if (!s.endedAt && nowMs === null) return "…";
  const ms = (s.endedAt ? Date.parse(s.endedAt) : nowMs!) - Date.parse(s.startedAt);
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The strategy's steps as the runner recorded them (times in the user's zone). */
export function RunSteps({ steps }: { steps: TRunStepView[] }) {
  const nowMs = useNow();
  return (
    <Table data-testid="run-steps">
      <thead><tr><Th>Step</Th><Th>Status</Th><Th>Started (<ZoneName />)</Th><Th>Took</Th><Th>Attempts</Th><Th>Note</Th></tr></thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s.name} data-testid={`run-step-${s.name}`}>
            <Td>{s.label}</Td>
            <Td><Badge tone={TONE[s.status as keyof typeof TONE] ?? "neutral"}>{s.status}</Badge></Td>
            <Td className="font-mono text-xs">{s.startedAt ? <TimeAt at={s.startedAt} precision="time" /> : null}</Td>
            <Td className="text-xs">{duration(s, nowMs)}</Td>
            <Td>{s.attempts || ""}</Td>
            <Td className="max-w-md text-xs text-muted-fg">{s.note ? <TextWithTimes text={s.note} /> : null}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
