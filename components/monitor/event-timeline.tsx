import type { TMonitorEvent } from "@/lib/monitor/get-monitor-data";
import { Badge } from "@/components/ui/badge";
import { TimeAt, TextWithTimes } from "@/components/time/time-at";
import { formatBytesInText } from "@/lib/format-bytes";

const TONE = { info: "neutral", warn: "warn", error: "danger" } as const;

/** Every operator action and AWS/runner event of this migration, newest first. */
export function EventTimeline({ events }: { events: TMonitorEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-muted-fg">Nothing recorded yet.</p>;
  return (
    // Focusable so keyboard users can scroll it.
    <ol tabIndex={0} aria-label="Events, newest first" className="max-h-96 space-y-2 overflow-y-auto pr-2" data-testid="event-timeline">
      {events.map((e) => (
        <li key={e.id} className="flex gap-3 text-sm">
          <TimeAt at={e.at} precision="time" className="w-16 shrink-0 font-mono text-xs text-muted-fg" />
          <span className="min-w-0 [overflow-wrap:anywhere]">
            <Badge tone={TONE[e.level as keyof typeof TONE] ?? "neutral"}>{e.type}</Badge>{" "}
            <span><TextWithTimes text={formatBytesInText(e.message)} /></span>
            {e.actorEmail && <span className="text-xs text-muted-fg"> · {e.actorEmail}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
