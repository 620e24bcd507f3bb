import "../../test/use-test-db";
import zlib from "node:zlib";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordEvent } from "@/lib/events/record-event";
import { writeFinalOffsets } from "@/lib/migrations/migration-record";
import { captureEndpointBaseline } from "@/lib/baselines/capture-endpoint-baseline";
import { overridePreflight } from "@/lib/migrations/override-preflight";
import type { TSessionUser } from "@/lib/auth/sessions";
import { NO_TOUCH_MISSING_NOTE } from "@/lib/redis/no-touch";
import { enqueueVerification } from "@/lib/verify/jobs/start-verification";
import { seedBoth, seedMixed, startRedisPair, type RedisPair } from "@/lib/verify/test-helpers/test-redis-pair";
import { createTestMigration, createTestOperator, waitForRun } from "@/lib/verify/test-helpers/test-migration-fixture";
import { startVerificationWorker } from "@/lib/verify/jobs/verification-worker";
import { buildReportModel } from "./build-report-model";
import { decideVerdict } from "./decide-verdict";
import { csvRow } from "./csv-cell";
import { renderMismatchesCsv } from "./render-mismatches-csv";
import { renderReportHtml } from "./render-report-html";
import { renderReportJson } from "./render-report-json";
import { renderReportPdf } from "./render-report-pdf";
import { ZReport, type TReport } from "./report-schema";

// Keys an operator's spreadsheet must survive: binary bytes, CSV syntax, formula prefixes.
const BINARY_KEY = Buffer.from("bin,\"q\"\n\x00\xff", "latin1");
const FORMULA_KEY = "=HYPERLINK(\"http://x\")";
let same: RedisPair;
let diff: RedisPair;
let operator: TSessionUser;
let worker: { stop(): Promise<void> };
let passReport: TReport;
let failReport: TReport;

async function verified(pair: RedisPair, name: string) {
  const m = await createTestMigration({ ...pair, name });
  const { id } = await enqueueVerification({ migrationId: m.id, requestedBy: operator.email, options: { rounds: 1, reverse: true } });
  await waitForRun(id, ["done", "failed"]);
  return m;
}

beforeAll(async () => {
  [same, diff] = await Promise.all([startRedisPair(), startRedisPair()]);
  const seed = async (r: Parameters<typeof seedMixed>[0]) => {
    await seedMixed(r, 600);
    await r.set(BINARY_KEY, "v");
    await r.set(FORMULA_KEY, "v");
  };
  await Promise.all([seedBoth(same, seed), seedBoth(diff, seed)]);
  await diff.tgt.del(BINARY_KEY);
  await diff.tgt.set(FORMULA_KEY, "changed");
  operator = await createTestOperator();
  worker = startVerificationWorker({ pollMs: 50 });

  const m = await verified(same, "orders <cache>");
  // What the rest of a migration leaves behind: pre-flight with an override, baselines, monitor samples, the cutover.
  await db.preflightRun.create({
    data: { migrationId: m.id, strategy: "replicaof", ranByEmail: operator.email, summary: JSON.stringify({ pass: 1, warn: 0, fail: 1, unknown: 0, blocking: true }),
      checks: JSON.stringify([{ id: "source.protected-mode", title: "protected-mode", status: "fail", evidence: "protected-mode yes", why: "", fix: "CONFIG SET protected-mode no", side: "source" }]) },
  });
  await overridePreflight({ actor: operator, migrationId: m.id, reason: "Lab source behind a private network, protected-mode is moot." });
  await captureEndpointBaseline({ actor: operator, endpointId: m.sourceId, label: "before", migrationId: m.id });
  await captureEndpointBaseline({ actor: operator, endpointId: m.sourceId, label: "after", migrationId: m.id });
  await captureEndpointBaseline({ actor: operator, endpointId: m.targetId, label: "after", migrationId: m.id });
  const t0 = Date.parse("2026-11-20T10:00:00Z");
  await db.sample.createMany({
    data: [
      { migrationId: m.id, at: new Date(t0), linkUp: false, syncInProgress: true, lagBytes: 900_000 },
      { migrationId: m.id, at: new Date(t0 + 4_000), linkUp: true, syncInProgress: true, lagBytes: 500_000 },
      { migrationId: m.id, at: new Date(t0 + 7_000), linkUp: true, syncInProgress: false, lagBytes: 2_048 },
      { migrationId: m.id, at: new Date(t0 + 9_000), linkUp: true, syncInProgress: false, lagBytes: 0 },
    ],
  });
  await db.migration.update({ where: { id: m.id }, data: { startedAt: new Date(t0 - 1_000), cutoverAt: new Date(t0 + 10_000), finalOffsets: writeFinalOffsets({ source: 1234, target: 1234, lagBytes: 0, readAt: "2026-11-20T10:00:09.802Z" }) } });
  await recordEvent({ type: "migration.cutover", migrationId: m.id, message: "Target promoted; post-cutover watch until 2026-11-21T10:00:10.000Z." });
  passReport = await buildReportModel({ migrationId: m.id });
  failReport = await buildReportModel({ migrationId: (await verified(diff, "sessions")).id });
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await Promise.all([same?.stop(), diff?.stop()]);
});

/** RFC 4180 reader, written from the RFC: quoted fields, doubled quotes, CRLF record ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") endField();
    else if (c === "\r" && text[i + 1] === "\n") {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  expect(field).toBe(""); // every record ended with CRLF
  return rows;
}

describe("report model verdicts", () => {
  it("PASS on identical data, with the override, the sync timeline and the baselines side by side", () => {
    const r = passReport;
    expect(r.verdict.result).toBe("PASS");
    expect(r.verdict.reasons.filter((x) => x.severity === "fail")).toEqual([]);
    expect(r.verdict.reasons.find((x) => x.code === "PREFLIGHT_OVERRIDDEN")?.message).toContain("protected-mode is moot");
    expect(r.preflight?.override).toMatchObject({ by: operator.email });
    expect(r.verification).toMatchObject({ keysCompared: 602, mismatchCount: 0, totals: { OK: 602 }, reverse: true });
    // Redis 7.0 has no CLIENT NO-TOUCH: the auditor reads that the verification touched LRU clocks.
    expect(r.verification).toMatchObject({ notes: [NO_TOUCH_MISSING_NOTE], scanMs: expect.any(Number) });
    expect(r.sync).toMatchObject({ initialSyncSeconds: 8, maxLagBytes: 900_000, maxLagBytesAfterSync: 2_048, cutoverAt: "2026-11-20T10:00:10.000Z", samples: 4 });
    const ends = r.baselines.comparisons.find((c) => c.id === "ends")!;
    expect(ends.title).toBe("Source and target at cutover");
    expect(ends.rows.find((x) => x.path === "totalKeys")).toMatchObject({ a: 602, b: 602, status: "same" });
    expect(ends.differing).toEqual([]);
    expect(r.verdict.reasons.map((x) => x.code)).not.toContain("BASELINE_DIFFERS");
    expect(r.persistence).toMatchObject({ aofMatches: true, targetBgsaveOk: true });
    expect(r.events.map((e) => e.type)).toEqual(expect.arrayContaining(["verification.finished", "preflight.overridden", "baseline.captured"]));
    expect(JSON.stringify(r)).not.toMatch(/password/i);
    // A single node on both ends: no per-shard part, no shard named anywhere.
    expect(r.shards).toBeNull();
    expect(failReport.verification!.mismatchesSample.map((x) => x.shard)).toEqual([null, null]);
    expect(renderReportHtml(r)).not.toContain("<h2>Shards</h2>");
  });

  it("FAIL with the differing keys and counts as reasons", () => {
    const reasons = failReport.verdict.reasons.filter((x) => x.severity === "fail").map((x) => x.message);
    expect(failReport.verdict.result).toBe("FAIL");
    expect(reasons).toEqual(["2 key(s) differ after 1 round(s): 1 MISSING, 1 VALUE.", "db0: 602 keys on the source, 601 on the target."]);
  });

  it("a count difference among keys with a TTL is a note (expired keys are counted until reclaimed); keys without one must agree", () => {
    const judge = (sourceKeys: number, sourceExpires: number, targetKeys: number, targetExpires: number) => {
      const counts = [{ db: 0, sourceKeys, sourceExpires, targetKeys, targetExpires, keysAgree: sourceKeys === targetKeys, persistentAgree: sourceKeys - sourceExpires === targetKeys - targetExpires }];
      return decideVerdict({ ...passReport, verification: { ...passReport.verification!, counts } });
    };
    const expiring = judge(8_583, 2_500, 8_582, 2_499);
    expect(expiring.result).toBe("PASS");
    expect(expiring.reasons.find((x) => x.code === "VOLATILE_COUNTS_DIFFER")?.message).toContain("db0: 8583 keys on the source, 8582 on the target; keys without a TTL agree (6083)");
    const lost = judge(8_583, 2_500, 8_582, 2_500);
    expect(lost.result).toBe("FAIL");
    expect(lost.reasons.filter((x) => x.severity === "fail").map((x) => x.message)).toEqual(["db0: 8583 keys on the source, 8582 on the target."]);
  });

  it("FAIL 'not verified' without a finished verification, naming one in flight", async () => {
    const m = await createTestMigration(same);
    expect((await buildReportModel({ migrationId: m.id })).verdict.reasons[0]).toMatchObject({ severity: "fail", code: "NOT_VERIFIED" });
    await worker.stop();
    await enqueueVerification({ migrationId: m.id, requestedBy: "runner" });
    const r = await buildReportModel({ migrationId: m.id });
    expect(r.verdict.result).toBe("FAIL");
    expect(r.verdict.reasons[0].message).toBe("Not verified: the verification is queued.");
    worker = startVerificationWorker({ pollMs: 50 });
  });
});

describe("downloads", () => {
  it("JSON round-trips through the published schema", () => {
    const parsed = ZReport.parse(JSON.parse(renderReportJson(failReport)));
    expect(parsed.schemaVersion).toBe(2);
    expect(parsed.verdict.result).toBe("FAIL");
  });

  it("CSV parses back: binary keys printable and exact, formula cells defused, commas/quotes/newlines quoted", async () => {
    const text = await new Response(renderMismatchesCsv(failReport.verification!.id)).text();
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(["db", "key", "status", "detail", "key_base64"]);
    const byStatus = new Map(rows.slice(1).map((r) => [r[2], r]));
    expect(rows).toHaveLength(3);
    expect(byStatus.get("MISSING")?.[1]).toBe('bin,"q"\\n\\x00\\xff');
    expect(Buffer.from(byStatus.get("MISSING")![4], "base64").equals(BINARY_KEY)).toBe(true);
    expect(byStatus.get("VALUE")?.[1]).toBe(`'${FORMULA_KEY}`);
    const tricky = ["a,b", 'say "hi"', "two\r\nlines", "-1+1", "@SUM(A1)", "plain"];
    expect(parseCsv(csvRow(tricky))).toEqual([["a,b", 'say "hi"', "two\r\nlines", "'-1+1", "'@SUM(A1)", "plain"]]);
  });

  it("HTML is self-contained and escapes operator data", () => {
    const html = renderReportHtml({ ...failReport, migration: { ...failReport.migration, name: "<script>alert(1)</script>" } });
    expect(html).toContain("Verdict: FAIL");
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("bin,&quot;q&quot;\\n\\x00\\xff");
    expect(html).toMatch(/scan [\d,]+ keys\/s \([\d.]+ s\); wall time/);
    expect(html).toContain("does not support CLIENT NO-TOUCH");
  });

  it("HTML colours pass/fail, never breaks a word mid-word, and formats raw fields", () => {
    const html = renderReportHtml(passReport);
    expect(html).toContain('<td class="st bad">fail</td>'); // the overridden pre-flight check
    expect(html).toMatch(/<td class="st ok">same<\/td>/);
    expect(html).not.toMatch(/word-break:\s*break-(word|all)/);
    expect(html).toContain("source 1,234 · target 1,234 · lag 0 B · read 2026-11-20 10:00:09 UTC");
    expect(html).toContain("post-cutover watch until 2026-11-21 10:00:10 UTC.");
    expect(html).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/); // no ISO timestamp reaches the reader
    expect(html).not.toContain(">-1<");
  });

  it("PDF is a real, parsable PDF that states the verdict", async () => {
    const bytes = await renderReportPdf(passReport);
    const head = Buffer.from(bytes.slice(0, 8)).toString("latin1");
    const tail = Buffer.from(bytes.slice(-64)).toString("latin1");
    expect(head).toMatch(/^%PDF-1\.\d/);
    expect(tail).toMatch(/startxref\s+\d+\s+%%EOF\s*$/);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getSubject()).toBe("Verdict: PASS");
    // The banner is drawn text: inflate the page content streams and look for it (hex-encoded by pdf-lib).
    const raw = Buffer.from(bytes).toString("latin1");
    // The compressed bytes may themselves end in \r (they hold the generation time), so the \r before
    // "endstream" is not stripped by the pattern: inflate with it, then without it.
    const inflate = (data: string) => {
      try {
        return zlib.inflateSync(Buffer.from(data, "latin1")).toString("latin1");
      } catch {
        return null;
      }
    };
    const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\nendstream/g)].map((m) => inflate(m[1]) ?? (m[1].endsWith("\r") ? inflate(m[1].slice(0, -1)) : null) ?? m[1]);
    const hex = Buffer.from("Verdict: PASS").toString("hex").toUpperCase();
    expect(streams.some((s) => s.toUpperCase().includes(hex) || s.includes("(Verdict: PASS)"))).toBe(true);
  });
});
