import { describe, expect, it } from "vitest";
import { ZSnapshotOptions } from "./snapshot-options";

describe("ZSnapshotOptions", () => {
  it("bounds the write-freeze fields the report prints", () => {
    const parse = (writeFreeze: Record<string, string>) => ZSnapshotOptions.safeParse({ importBucket: "ferry-import", writeFreeze }).success;
    expect(parse({ from: "2026-11-30T10:00", to: "2026-11-30T10:45:00.000", note: "n".repeat(500) })).toBe(true);
    expect(parse({ from: "x".repeat(4_000) })).toBe(false);
    expect(parse({ from: "2026-11-30T10:00", to: "x".repeat(4_000) })).toBe(false);
    expect(parse({ from: "2026-11-30T10:00", note: "n".repeat(501) })).toBe(false);
  });
});
