import "../../test/use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { captureEndpointBaseline } from "@/lib/baselines/capture-endpoint-baseline";
import type { TSessionUser } from "@/lib/auth/sessions";
import { writeMigrationOptions, writeStepDetail } from "@/lib/migrations/migration-record";
import { enqueueVerification } from "@/lib/verify/jobs/start-verification";
import { seedBoth, seedMixed, startRedisPair, type RedisPair } from "@/lib/verify/test-helpers/test-redis-pair";
import { createTestMigration, createTestOperator, waitForRun } from "@/lib/verify/test-helpers/test-migration-fixture";
import { startVerificationWorker } from "@/lib/verify/jobs/verification-worker";
import { buildReportModel } from "./build-report-model";
import { fmtBaselineCell, fmtMessage, fmtOffsets } from "./report-format";
import { renderReportHtml } from "./render-report-html";
import { renderReportPdf } from "./render-report-pdf";

// What the report reads from what the flow recorded: the verification run, the snapshot moment,
// baselines of both ends at the same point. Real redis-servers, the real verification worker.
let pair: RedisPair;
let operator: TSessionUser;
let worker: { stop(): Promise<void> };

async function finishedRun(migrationId: string, requestedBy: string) {
  const { id } = await enqueueVerification({ migrationId, requestedBy, options: { rounds: 1, reverse: true } });
  await waitForRun(id, ["done"]);
  return id;
}

beforeAll(async () => {
  pair = await startRedisPair();
  await seedBoth(pair, (r) => seedMixed(r, 200));
  operator = await createTestOperator();
  worker = startVerificationWorker({ pollMs: 50 });
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await pair?.stop();
});

describe("the verification run a report shows", () => {
  it("is the run the flow recorded, named with who and when; a newer run is a note; ?run= shows any finished run", async () => {
    const m = await createTestMigration({ ...pair, name: "recorded" });
    const recorded = await finishedRun(m.id, "runner");
    await db.migrationStep.create({ data: { migrationId: m.id, name: "report", position: 9, status: "done", detail: writeStepDetail({ verificationRunId: recorded }) } });
    const manual = await finishedRun(m.id, operator.email);

    const byDefault = await buildReportModel({ migrationId: m.id });
    expect(byDefault.verification).toMatchObject({ id: recorded, chosenBy: "recorded", requestedBy: "runner" });
    expect(byDefault.verificationRuns.map((x) => [x.id, x.recorded])).toEqual([[manual, false], [recorded, true]]);
    expect(byDefault.verdict.reasons.find((x) => x.code === "NEWER_VERIFICATION")?.message).toBe(
      `A newer verification (${manual}) is done; this report shows run ${recorded}, the one the migration recorded.`);
    const html = renderReportHtml(byDefault);
    expect(html).toContain(`Run ${recorded}, started by runner at `);
    expect(html).toContain("the run this migration&#39;s verify step recorded");

    const asked = await buildReportModel({ migrationId: m.id, runId: manual });
    expect(asked.verification).toMatchObject({ id: manual, chosenBy: "requested", requestedBy: operator.email });
    expect(asked.verdict.reasons.map((x) => x.code)).not.toContain("NEWER_VERIFICATION");
  });

  it("falls back to the latest finished run when the flow recorded none", async () => {
    const m = await createTestMigration({ ...pair, name: "manual only" });
    await finishedRun(m.id, operator.email);
    const latest = await finishedRun(m.id, operator.email);
    expect((await buildReportModel({ migrationId: m.id })).verification).toMatchObject({ id: latest, chosenBy: "latest" });
  });

  it("refuses a run that is not a finished run of this migration (NOT_FOUND, the API's 404)", async () => {
    const [a, b] = [await createTestMigration({ ...pair, name: "a" }), await createTestMigration({ ...pair, name: "b" })];
    const runOfB = await finishedRun(b.id, operator.email);
    await expect(buildReportModel({ migrationId: a.id, runId: runOfB })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(buildReportModel({ migrationId: a.id, runId: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("a snapshot report", () => {
  it("states the moment, the write-freeze window or its absence, and leaves the sync timeline out", async () => {
    const m = await createTestMigration({ ...pair, name: "snap", strategy: "snapshot" });
    const snapshot = { importBucket: "ferry-import-b" };
    await db.migration.update({ where: { id: m.id }, data: { options: writeMigrationOptions({ snapshot, snapshotMoment: "2026-11-30T10:00:05.000Z", snapshotMomentSource: "RDB fork" }) } });
    await finishedRun(m.id, "runner");

    const none = await buildReportModel({ migrationId: m.id });
    expect(none.sync).toBeNull();
    expect(none.snapshot).toMatchObject({ moment: "2026-11-30T10:00:05.000Z", writeFreeze: null });
    expect(none.snapshot!.statement).toBe(
      "The target holds the source as it was at the snapshot moment, 2026-11-30 10:00:05 UTC: writes to the source after that moment are not in the target. " +
        "No write-freeze window was set: any write between the snapshot moment and the switch of clients to the new group is lost.");
    expect(none.verdict.reasons.find((x) => x.code === "SNAPSHOT_MOMENT")?.severity).toBe("note");
    const html = renderReportHtml(none);
    expect(html).not.toContain("Sync timeline");
    expect(html).toContain("<h2>Snapshot moment</h2>");
    expect((await renderReportPdf(none)).length).toBeGreaterThan(1000);

    await db.migration.update({ where: { id: m.id }, data: { options: writeMigrationOptions({ snapshot: { ...snapshot, writeFreeze: { from: "2026-11-30T09:55", to: "2026-11-30T10:30", note: "app in maintenance" } }, snapshotMoment: "2026-11-30T10:00:05.000Z" }) } });
    const set = await buildReportModel({ migrationId: m.id });
    expect(set.snapshot!.statement).toContain("Write freeze set by the operator: from 2026-11-30 09:55 to 2026-11-30 10:30 (app in maintenance).");
  });

  it("an online report has its sync timeline and no snapshot section", async () => {
    const m = await createTestMigration({ ...pair, name: "online", strategy: "online" });
    const r = await buildReportModel({ migrationId: m.id });
    expect(r.snapshot).toBeNull();
    expect(r.sync).not.toBeNull();
  });
});

describe("baselines compare like with like", () => {
  it("names the rows that differ between both ends at cutover, and calls the source's own change expected", async () => {
    const m = await createTestMigration({ ...pair, name: "baselines" });
    const capture = (endpointId: string, label: "before" | "after") => captureEndpointBaseline({ actor: operator, endpointId, label, migrationId: m.id });
    await capture(m.sourceId, "before");
    await capture(m.targetId, "before");
    await pair.src.set("late-write", "1"); // the write load between the captures, not replicated
    await capture(m.sourceId, "after");
    await capture(m.targetId, "after");
    const r = await buildReportModel({ migrationId: m.id });
    const [ends, source, target] = ["ends", "source-before-after", "target-before-after"].map((id) => r.baselines.comparisons.find((c) => c.id === id)!);
    expect(ends.differing).toEqual(expect.arrayContaining(["db0 keys", "Total keys"]));
    expect(source.rows.find((x) => x.path === "totalKeys")).toMatchObject({ a: 200, b: 201, status: "expected-diff" });
    expect(source.changed).toContain("Total keys");
    expect(source.differing).toEqual([]);
    expect(target.changed).not.toContain("Total keys");
    const note = r.verdict.reasons.find((x) => x.code === "BASELINE_DIFFERS")!.message;
    expect(note).toMatch(/^\d+ baseline row\(s\) differ \(source and target at cutover\): .*db0 keys.*Total keys.*; the key-by-key verification is the authority\.$/);
    await pair.src.del("late-write");
  });
});

describe("raw fields are formatted", () => {
  it("final offsets, a BGSAVE that never ran, and byte counts read like the rest of the console", () => {
    expect(fmtOffsets({ source: 1234, target: 1234, lagBytes: 0, readAt: "2026-11-30T15:08:01.802Z" })).toBe("source 1,234 · target 1,234 · lag 0 B · read 2026-11-30 15:08:01 UTC");
    expect(fmtOffsets({ source: null, target: null, note: "not read: the promotion happened without Ferry's call" })).toBe("not read: the promotion happened without Ferry's call");
    expect(fmtBaselineCell("persistence.rdbLastBgsaveTimeSec", -1)).toBe("none since start");
    expect(fmtBaselineCell("memory.used", 2_097_152)).toBe("2.0 MiB");
    expect(fmtBaselineCell("shards.0-5460.usedMemory", 10_167_760)).toBe("9.7 MiB");
    expect(fmtMessage("Baseline (before) of src: 1,200 keys, 6105344 bytes used; string is 5 bytes in source")).toBe("Baseline (before) of src: 1,200 keys, 5.8 MiB used; string is 5 bytes in source");
  });
});
