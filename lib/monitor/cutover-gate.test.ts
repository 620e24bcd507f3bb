import { testDbFile } from "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import type { TMigrationOptionsPatch } from "../migrations/migration-record";
import { evaluateCutoverGate } from "./cutover-gate";
import { createMigrationRow, insertSamplesFast, type TFakeSample } from "./test-helpers/fixtures";

const inSync: TFakeSample = { srcOffset: 1000, tgtOffset: 1000, lagBytes: 0, linkUp: true, syncInProgress: false, srcKeys: 500, tgtKeys: 500 };

/** A migration whose last `seconds` seconds of 1 Hz samples are given by `at(secondsAgo)`. */
async function migrationWith(name: string, seconds: number, at: (secondsAgo: number) => TFakeSample | null, options?: TMigrationOptionsPatch) {
  const m = await createMigrationRow({ name, source: { host: "127.0.0.1", port: 1 }, target: { host: "127.0.0.1", port: 2 }, options });
  const now = Date.now();
  const rows = [];
  for (let ago = seconds; ago >= 0; ago--) {
    const s = at(ago);
    if (s) rows.push({ atMs: now - ago * 1000 - 300, s });
  }
  await insertSamplesFast(testDbFile, m.id, rows);
  return m.id;
}

const byId = async (id: string) => {
  const g = await evaluateCutoverGate({ migrationId: id });
  return { open: g.open, ...Object.fromEntries(g.conditions.map((c) => [c.id, c.ok])) } as Record<string, boolean>;
};

describe("evaluateCutoverGate", () => {
  it("opens after 10 s of lag under the default 64 KiB with the link up and equal key counts", async () => {
    const id = await migrationWith("open", 15, () => inSync);
    expect(await byId(id)).toEqual({ open: true, fresh: true, "link-up": true, lag: true, keys: true });
  });

  it("stays closed when lag was above the threshold 4 s ago, and says for how long it has held", async () => {
    const id = await migrationWith("spike", 15, (ago) => (ago === 4 ? { ...inSync, lagBytes: 200_000 } : inSync));
    const g = await evaluateCutoverGate({ migrationId: id });
    expect(g.open).toBe(false);
    expect(g.conditions.find((c) => c.id === "lag")).toMatchObject({ ok: false, detail: expect.stringMatching(/Held for [34] s of 10 s/) });
  });

  it("honours the migration's own threshold and stable window", async () => {
    const id = await migrationWith("loose", 15, (ago) => ({ ...inSync, lagBytes: ago % 2 ? 900 : 0 }), { gate: { maxLagBytes: 1024, stableSeconds: 5 } });
    expect((await byId(id)).open).toBe(true);
    const strict = await migrationWith("strict", 15, (ago) => ({ ...inSync, lagBytes: ago === 3 ? 1 : 0 }), { gate: { maxLagBytes: 0 } });
    expect(await byId(strict)).toMatchObject({ open: false, lag: false });
  });

  it("closes when samples stop (sampler down) or an end was not read", async () => {
    const stale = await migrationWith("stale", 20, (ago) => (ago > 8 ? inSync : null));
    expect(await byId(stale)).toMatchObject({ open: false, fresh: false });
    const down = await migrationWith("down", 15, (ago) => (ago === 0 ? { ...inSync, tgtUp: false, tgtOffset: null, lagBytes: null, linkUp: null, tgtKeys: null } : inSync));
    expect(await byId(down)).toMatchObject({ open: false, fresh: false, "link-up": false, lag: false });
  });

  it("does not count a run of good samples across a hole in the samples", async () => {
    const id = await migrationWith("hole", 15, (ago) => (ago >= 5 && ago <= 8 ? null : inSync));
    expect(await byId(id)).toMatchObject({ open: false, lag: false });
  });

  it("closes while the initial sync runs or the link is down", async () => {
    const syncing = await migrationWith("syncing", 15, () => ({ ...inSync, syncInProgress: true }));
    expect(await byId(syncing)).toMatchObject({ open: false, "link-up": false });
    const linkDown = await migrationWith("link-down", 15, (ago) => (ago < 2 ? { ...inSync, linkUp: false } : inSync));
    expect(await byId(linkDown)).toMatchObject({ open: false, "link-up": false, lag: false });
  });

  it("compares keys at equal offsets, within the configured tolerance", async () => {
    const differ = await migrationWith("keys", 15, () => ({ ...inSync, tgtKeys: 497 }));
    expect(await byId(differ)).toMatchObject({ open: false, keys: false });
    const tolerated = await migrationWith("keys-tol", 15, () => ({ ...inSync, tgtKeys: 497 }), { gate: { keyTolerancePct: 1 } });
    expect(await byId(tolerated)).toMatchObject({ open: true, keys: true });
  });
});
