import { DEFAULT_TIME_ZONE } from "./time-zone";

export type TTimePrecision = "minute" | "second" | "ms" | "time";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * "2026-11-30 15:08:01" in the given zone. Built from numeric parts with a fixed zone, so the
 * server's render and the browser's hydration produce the same text whatever either's own zone is.
 */
export function formatInZone(at: string | number | Date | null | undefined, timeZone = DEFAULT_TIME_ZONE, precision: TTimePrecision = "second"): string {
  if (at === null || at === undefined || at === "") return "—";
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return "—";
  const p = Object.fromEntries(formatterFor(timeZone).formatToParts(d).map((x) => [x.type, x.value]));
  const hms = `${p.hour}:${p.minute}:${p.second}`;
  if (precision === "time") return hms;
  const day = `${p.year}-${p.month}-${p.day}`;
  if (precision === "minute") return `${day} ${p.hour}:${p.minute}`;
  if (precision === "ms") return `${day} ${hms}.${String(d.getUTCMilliseconds()).padStart(3, "0")}`;
  return `${day} ${hms}`;
}

/** The zone as a suffix: "UTC", or the IANA name. */
export function zoneLabel(timeZone = DEFAULT_TIME_ZONE): string {
  return timeZone === "Etc/UTC" ? "UTC" : timeZone;
}

const ISO_IN_TEXT = /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\b/g;

/** Free text (event messages, notes) with its ISO timestamps written in the operator's zone. */
export function formatTimesInText(text: string, timeZone = DEFAULT_TIME_ZONE): string {
  return text.replace(ISO_IN_TEXT, (iso) => `${formatInZone(iso, timeZone)} ${zoneLabel(timeZone)}`);
}
