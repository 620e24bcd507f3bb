import { z } from "zod";

/** Every timestamp on screen defaults to UTC, like AWS's consoles and the report. */
export const DEFAULT_TIME_ZONE = "UTC";

/** An IANA zone name this runtime knows (Intl refuses unknown ones), e.g. "Europe/Paris". */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const ZTimeZone = z.string().trim().min(1).max(64).refine(isTimeZone, { message: "Not a time zone name this server knows (IANA, e.g. Europe/Paris or UTC)." });
