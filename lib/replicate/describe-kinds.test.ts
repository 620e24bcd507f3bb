import { describe, expect, it } from "vitest";
import { describeKinds } from "./describe-kinds";
import { addDifferenceKinds } from "./types";

describe("differences by kind, as the timeline and the report word them", () => {
  it("names each kind found, in a fixed order, and nothing when none is known", () => {
    expect(describeKinds({ TTL: 1 })).toBe(" (1 TTL)");
    expect(describeKinds({ TTL: 1, MISSING: 2, VALUE: 0 })).toBe(" (2 MISSING, 1 TTL)");
    expect(describeKinds({})).toBe("");
    expect(describeKinds(undefined)).toBe("");
  });

  it("a cluster's shards add up", () => {
    expect(addDifferenceKinds([{ MISSING: 2 }, { MISSING: 1, EXTRA: 4 }, {}])).toEqual({ MISSING: 3, EXTRA: 4 });
  });
});
