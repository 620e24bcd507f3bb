import type { TMonitorData } from "@/lib/monitor/get-monitor-data";
import type { TRange } from "@/lib/monitor/query-samples";
import { TERMINAL_STATES, type TMigrationState } from "@/lib/flows/states";

const isTerminal = (state: string) => TERMINAL_STATES.includes(state as TMigrationState);

/** react-query keys for monitor data, one factory so invalidation cannot miss a key. */
export const monitorKeys = {
  all: ["monitor"] as const,
  migration: (migrationId: string) => [...monitorKeys.all, migrationId] as const,
  samples: (migrationId: string, range: TRange) => [...monitorKeys.migration(migrationId), "samples", range] as const,
};

export async function fetchMonitorData(migrationId: string, range: TRange): Promise<TMonitorData> {
  const res = await fetch(`/api/v1/migrations/${encodeURIComponent(migrationId)}/samples?range=${range}`, { cache: "no-store" });
  if (!res.ok) throw new Error(res.status === 401 ? "Your session has ended. Sign in again." : `Could not read the samples (${res.status}).`);
  return res.json();
}

/**
 * A migration that is over still gets events (a manual re-verification, cleanup): its timeline is
 * re-read this often.
 */
export const TERMINAL_POLL_MS = 15_000;

/** How often to poll: every second live, slower for long ranges, the post-cutover watch and when over. */
export function pollInterval(data: TMonitorData | undefined, range: TRange): number | false {
  if (!data) return 2_000;
  const { state, watchUntil } = data.migration;
  if (state === "draft") return false;
  // Over: the post-cutover watch of the target samples every 30 s; otherwise only events still arrive.
  if (isTerminal(state)) return state === "completed" && watchUntil && Date.parse(watchUntil) > Date.now() ? 30_000 : TERMINAL_POLL_MS;
  if (state === "failed") return 10_000;
  return range === "live" ? 1_000 : 10_000;
}
