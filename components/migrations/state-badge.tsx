import { Badge } from "../ui/badge";

const TONE: Record<string, "neutral" | "ok" | "warn" | "danger" | "info"> = {
  draft: "neutral", ready: "info", running: "info", "in-sync": "ok", "cutting-over": "warn",
  completed: "ok", aborting: "warn", aborted: "warn", failed: "danger",
};

export function StateBadge({ state, tone }: { state: string; tone?: (typeof TONE)[string] }) {
  return <Badge tone={tone ?? TONE[state] ?? "neutral"}>{state}</Badge>;
}
