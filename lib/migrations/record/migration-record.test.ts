import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import {
  gateOptionsOf, mergeMigrationOptions, readFinalOffsets, readLastError, readMigrationOptions, readStepDetail, snapshotMomentOf, watchHoursOf, writeFreezeOf,
  writeMigrationOptions,
} from "../migration-record";

function recordError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error("expected a RECORD_INVALID error");
}

describe("Migration.options", () => {
  it("reads the parts a migration records and applies the gate's defaults to what was not set", () => {
    const raw = writeMigrationOptions({ gate: { stableSeconds: 3 }, watchHours: 2, snapshotMoment: "2026-11-30T10:00:00.000Z", snapshotMomentSource: "RDB fork" });
    const o = readMigrationOptions(raw);
    expect(gateOptionsOf(o)).toMatchObject({ stableSeconds: 3, maxLagBytes: 64 * 1024, maxSampleAgeSeconds: 5 });
    expect(watchHoursOf(o, 24)).toBe(2);
    expect(watchHoursOf(readMigrationOptions(null), 24)).toBe(24);
    expect(snapshotMomentOf(o)).toEqual({ at: "2026-11-30T10:00:00.000Z", source: "RDB fork" });
    expect(writeFreezeOf(o)).toBeNull();
  });

  it("honours the first runner's top-level cutoverMaxLagBytes where the gate does not say", () => {
    expect(gateOptionsOf(readMigrationOptions(JSON.stringify({ cutoverMaxLagBytes: 0 }))).maxLagBytes).toBe(0);
    expect(gateOptionsOf(readMigrationOptions(JSON.stringify({ cutoverMaxLagBytes: 0, gate: { maxLagBytes: 7 } }))).maxLagBytes).toBe(7);
  });

  it("a merge keeps the other parts and keys this Ferry does not know, and stores defaults as defaults", () => {
    const raw = JSON.stringify({ gate: { stableSeconds: 2 }, replicate: { batch: 500 } });
    const merged = JSON.parse(mergeMigrationOptions(raw, { snapshotMoment: "2026-11-30T10:00:00.000Z" }));
    expect(merged).toEqual({ gate: { stableSeconds: 2 }, replicate: { batch: 500 }, snapshotMoment: "2026-11-30T10:00:00.000Z" });
  });

  it("bad JSON or a wrong shape is a typed RECORD_INVALID naming the column and field, not a SyntaxError", () => {
    const bad = recordError(() => readMigrationOptions("{not json"));
    expect(bad.code).toBe("RECORD_INVALID");
    expect(bad.message).toBe("Migration.options is not valid JSON.");
    const shape = recordError(() => readMigrationOptions(JSON.stringify({ gate: { stableSeconds: 0 } })));
    expect(shape.code).toBe("RECORD_INVALID");
    expect(shape.message).toMatch(/^Migration\.options does not have the recorded shape at gate\.stableSeconds: /);
    expect(recordError(() => readMigrationOptions("[1,2]")).code).toBe("RECORD_INVALID");
    expect(recordError(() => writeMigrationOptions({ watchHours: -1 })).code).toBe("RECORD_INVALID");
  });
});

describe("lastError, finalOffsets and step details", () => {
  it("read what the runner wrote", () => {
    const e = { step: "start", state: "running", code: "AWS_ERROR", awsCode: "InvalidParameterValue", message: "no", at: "2026-11-30T10:00:00.000Z" };
    expect(readLastError(JSON.stringify(e))).toEqual(e);
    expect(readLastError(null)).toBeNull();
    expect(readFinalOffsets(JSON.stringify({ source: 10, target: 9, lagBytes: 1, readAt: "2026-11-30T10:00:00.000Z" }))).toMatchObject({ lagBytes: 1 });
    expect(readStepDetail(JSON.stringify({ verificationRunId: "v1", requestId: "r-1" }))).toEqual({ verificationRunId: "v1", requestId: "r-1" });
    expect(readStepDetail(null)).toEqual({});
  });

  it("refuse a row of the wrong shape with a typed error", () => {
    expect(recordError(() => readLastError(JSON.stringify({ step: "start" }))).message).toMatch(/^Migration\.lastError does not have the recorded shape at state/);
    expect(recordError(() => readFinalOffsets('"1234"')).code).toBe("RECORD_INVALID");
    expect(recordError(() => readStepDetail(JSON.stringify({ note: 42 }))).message).toMatch(/^MigrationStep\.detail .* at note/);
    expect(recordError(() => readStepDetail("nope")).message).toBe("MigrationStep.detail is not valid JSON.");
  });
});
