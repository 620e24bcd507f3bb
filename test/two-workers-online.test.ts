// An online migration driven only by two worker processes (runner, sampler and verification
// worker in each) against the lab: every world-changing AWS call is made once, every sample
// stored once, and the verification after cutover finds no difference.
import "./use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startMigration } from "@/lib/flows/intents/start-migration";
import { cutoverMigration } from "@/lib/flows/intents/cutover-migration";
import { waitForState } from "@/lib/flows/test-helpers/fixtures";
import { setUpFlowLab } from "@/lib/flows/test-helpers/flow-lab";
import { VERIFICATION_LEASE_MS } from "@/lib/verify/jobs/unit-lease";
import { pollUntil } from "./test-helpers/poll-until";
import { startWorkerProcess, type TWorkerProcess } from "./test-helpers/worker-process";
import { storedSamples } from "../lib/monitor/test-helpers/stored-samples";

const f = setUpFlowLab({
  lab: { selfManaged: [{ name: "src-w" }], groups: [{ id: "tgt-w", nodes: 2 }] },
  demoData: { keys: 800, bigKeyElements: 300 },
});
let workers: TWorkerProcess[] = [];
// After the lab's set-up: the workers inherit its AWS endpoint and credentials.
beforeAll(async () => {
  workers = await Promise.all([startWorkerProcess(), startWorkerProcess()]);
}, 120_000);
afterAll(() => Promise.all(workers.map((w) => w.kill())));

/** Production pace (the workers run default intervals): each wait is a few runner ticks and samples, on a busy machine. */
const FLOW_WAIT_MS = 90_000;

describe("online migration driven by two workers", () => {
  it("makes each AWS call once, stores each sample once, and the verification after cutover finds no difference", async () => {
    const { id, groupId, targetName } = await f.onlineMigration(0);
    await startMigration({ actor: f.actor, migrationId: id });
    await waitForState(id, "in-sync", FLOW_WAIT_MS);
    await pollUntil("the cutover gate to open on the workers' samples", async () => (await f.gate(id)).open, { timeoutMs: FLOW_WAIT_MS });
    await cutoverMigration({ actor: f.actor, migrationId: id, confirmName: targetName });
    await waitForState(id, "completed", FLOW_WAIT_MS);

    const run = await pollUntil("the verification after cutover to end", async () => {
      const v = await db.verificationRun.findFirst({ where: { migrationId: id }, orderBy: { createdAt: "desc" } });
      return v && ["done", "failed", "cancelled"].includes(v.status) && v;
    }, { timeoutMs: FLOW_WAIT_MS + VERIFICATION_LEASE_MS });
    expect(run.status).toBe("done");
    expect(JSON.parse(run.result!).mismatchCount).toBe(0);

    // Every call that changes the world, made once: two runners never both sent it.
    const changing = f.lab.calls({ groupId }).filter((c) => !/^(Describe|List|Get)/.test(c.action));
    const perAction = new Map<string, number>();
    for (const c of changing) perAction.set(c.action, (perAction.get(c.action) ?? 0) + 1);
    expect(Object.fromEntries(perAction)).toEqual({ TestMigration: 1, StartMigration: 1, CompleteMigration: 1 });

    // One sample per slot, in SampleHot and Sample together: the keys and the sampler lease keep a second sampler out.
    const samples = await storedSamples({ migrationId: id });
    expect(samples.length).toBeGreaterThan(0);
    expect(new Set(samples.map((s) => s.at.getTime())).size).toBe(samples.length);
  }, 4 * FLOW_WAIT_MS + VERIFICATION_LEASE_MS);
});
