import "../../test/use-test-db";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { startMigration } from "../flows/intents/start-migration";
import { buildReportModel } from "../report/build-report-model";
import { createTestOperator } from "../verify/test-helpers/test-migration-fixture";
import { getMigration } from "./get-migration";
import { overridePreflight } from "./override-preflight";

const failing = (id: string) => ({
  strategy: "replicaof",
  checks: JSON.stringify([{ id, title: id, status: "fail", evidence: "seen", why: "", fix: "", side: "source" }]),
  summary: JSON.stringify({ pass: 0, warn: 0, fail: 1, unknown: 0, blocking: true }),
});

describe("pre-flight override", () => {
  it("clears only the run it overrides: a later run's failures need a new decision", async () => {
    const actor = await createTestOperator();
    const endpoint = (name: string) => db.endpoint.create({ data: { name, kind: "self-managed", host: "127.0.0.1", port: 1 } });
    const [source, target] = [await endpoint("ovr-src"), await endpoint("ovr-tgt")];
    const m = await db.migration.create({ data: { name: "ovr", strategy: "replicaof", sourceId: source.id, targetId: target.id } });

    await db.preflightRun.create({ data: { migrationId: m.id, ranAt: new Date(Date.now() - 60_000), ...failing("source.protected-mode") } });
    await overridePreflight({ actor, migrationId: m.id, reason: "Lab source on a private network." });
    expect(await getMigration(m.id)).toMatchObject({ preflightCleared: true, preflightOverride: "Lab source on a private network." });

    // Pre-flight runs again and finds something new: the old decision does not cover it.
    await db.preflightRun.create({ data: { migrationId: m.id, ...failing("target.masterauth") } });
    expect(await getMigration(m.id)).toMatchObject({ preflightCleared: false, preflightOverride: null });
    await expect(startMigration({ actor, migrationId: m.id })).rejects.toMatchObject({ code: "ILLEGAL_TRANSITION", message: expect.stringMatching(/override/) });

    await overridePreflight({ actor, migrationId: m.id, reason: "masterauth is set by the deploy script." });
    expect((await getMigration(m.id)).preflightCleared).toBe(true);
    const report = await buildReportModel({ migrationId: m.id });
    expect(report.preflight?.override).toMatchObject({ reason: "masterauth is set by the deploy script.", by: actor.email, at: expect.any(String) });
  });

  it("the migration moves an existing override onto the run it was made for, not onto later runs", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-override-migration-"));
    const sqlite = new Database(path.join(dir, "old.db"));
    try {
      const migrationsDir = path.resolve(import.meta.dirname, "..", "..", "prisma", "migrations");
      const names = fs.readdirSync(migrationsDir).filter((n) => /^\d/.test(n)).sort();
      const at = names.indexOf("20261130010000_preflight_override_per_run");
      const apply = (n: string) => sqlite.exec(fs.readFileSync(path.join(migrationsDir, n, "migration.sql"), "utf8"));
      names.slice(0, at).forEach(apply);
      sqlite.exec(`
        INSERT INTO Endpoint (id, name, kind, host, port, updatedAt) VALUES ('e1', 'a', 'self-managed', 'h', 1, '2026-11-01T00:00:00.000+00:00');
        INSERT INTO Migration (id, name, strategy, sourceId, targetId, preflightOverride, updatedAt) VALUES ('m1', 'old', 'replicaof', 'e1', 'e1', 'reviewed by ops', '2026-11-01T00:00:00.000+00:00');
        INSERT INTO PreflightRun (id, migrationId, strategy, ranAt, checks, summary) VALUES
          ('r1', 'm1', 'replicaof', '2026-11-01T10:00:00.000+00:00', '[]', '{}'),
          ('r2', 'm1', 'replicaof', '2026-11-01T11:00:00.000+00:00', '[]', '{}');
        INSERT INTO Event (id, at, type, actorEmail, migrationId, message, data) VALUES
          ('v1', '2026-11-01T10:30:00.000+00:00', 'preflight.overridden', 'ops@example.com', 'm1', 'overrode', '{"preflightRunId":"r1","failed":["x"]}');
      `);
      names.slice(at).forEach(apply);
      const runs = sqlite.prepare("SELECT id, overrideReason, overriddenBy, overriddenAt FROM PreflightRun ORDER BY id").all();
      expect(runs).toEqual([
        { id: "r1", overrideReason: "reviewed by ops", overriddenBy: "ops@example.com", overriddenAt: "2026-11-01T10:30:00.000+00:00" },
        { id: "r2", overrideReason: null, overriddenBy: null, overriddenAt: null },
      ]);
      const columns = sqlite.prepare("SELECT name FROM pragma_table_info('Migration')").all() as { name: string }[];
      expect(columns.map((c) => c.name)).not.toContain("preflightOverride");
    } finally {
      sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
