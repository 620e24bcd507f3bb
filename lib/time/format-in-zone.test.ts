import { describe, expect, it } from "vitest";
import { formatInZone, formatTimesInText } from "./format-in-zone";
import { isTimeZone } from "./time-zone";

describe("formatInZone", () => {
  const iso = "2026-11-30T15:08:01.802Z";
  it("writes UTC by default and another zone when asked, without the ISO T and Z", () => {
    expect(formatInZone(iso)).toBe("2026-11-30 15:08:01");
    expect(formatInZone(iso, "Europe/Paris")).toBe("2026-11-30 16:08:01");
    expect(formatInZone(iso, "America/New_York", "minute")).toBe("2026-11-30 10:08");
    expect(formatInZone(iso, "UTC", "ms")).toBe("2026-11-30 15:08:01.802");
    expect(formatInZone(iso, "Asia/Tokyo", "time")).toBe("00:08:01");
    expect(formatInZone(null)).toBe("—");
  });
  it("rewrites ISO timestamps inside free text", () => {
    expect(formatTimesInText(`Deleted ${iso} by a@b.c`, "UTC")).toBe("Deleted 2026-11-30 15:08:01 UTC by a@b.c");
  });
  it("accepts IANA names and refuses others", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
