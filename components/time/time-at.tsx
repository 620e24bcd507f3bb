"use client";
import { formatInZone, formatTimesInText, zoneLabel, type TTimePrecision } from "@/lib/time/format-in-zone";
import { useTimeZone } from "./time-zone-context";

/** A timestamp in the user's zone; `zone` appends the zone's name ("UTC" by default). */
export function TimeAt({ at, precision = "second", zone = false, className }: { at: string | null | undefined; precision?: TTimePrecision; zone?: boolean; className?: string }) {
  const tz = useTimeZone();
  if (!at) return <span className={className}>—</span>;
  return (
    <time dateTime={at} className={className} title={`${formatInZone(at, tz, "ms")} ${zoneLabel(tz)}`}>
      {formatInZone(at, tz, precision)}{zone ? ` ${zoneLabel(tz)}` : ""}
    </time>
  );
}

/** The user's zone name, for column headers ("Started (UTC)"). */
export function ZoneName() {
  return <>{zoneLabel(useTimeZone())}</>;
}

/** Free text whose ISO timestamps are shown in the user's zone. */
export function TextWithTimes({ text }: { text: string }) {
  return <>{formatTimesInText(text, useTimeZone())}</>;
}
