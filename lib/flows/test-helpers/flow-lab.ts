// The one set-up of flow tests: the lab (optional), demo data, two operators, the monitor's
// sampler, and runners that end with the test that started them.
import { afterAll, afterEach, beforeAll } from "vitest";
import { startLab, type Lab, type StartLabOptions } from "../../../lab/start-lab";
import { loadDemoData } from "../../../lab/demo-data";
import { pollUntil } from "../../../test/test-helpers/poll-until";
import { resetAwsClients } from "../../aws/clients";
import type { TSessionUser } from "../../auth/sessions";
import { evaluateCutoverGate } from "../../monitor/cutover-gate";
import { MAX_READ_TIMEOUT_MS, startSampler, type TSampler } from "../../monitor/sampler";
import { seedUser } from "../../users/test-helpers/seed-user";
import type { TRunner, TRunnerOptions } from "../runner";
import { RunnerCrash } from "../runner-hooks";
import { seedElastiCache, seedMigration, seedSelfManaged, testRunner } from "./fixtures";
import { setLabCredentials } from "../../../lab/set-lab-credentials";

export type TFlowLabOptions = {
  /** The lab to start; leave out for flows between plain redis-servers. */
  lab?: StartLabOptions;
  /** Loaded into these self-managed sources (default all); no TTLs, so "every key arrived" cannot race expiry. */
  demoData?: { keys: number; bigKeyElements: number; sources?: number[] };
  /** The monitor's sampler: the cutover gate reads its samples. */
  sampler?: boolean;
};

export type TRunOptions = TRunnerOptions & { /** Dies like kill -9 right after this world-changing call returns. */ crashAfter?: string };

/** Samples five times a second; an INFO may take as long as in production before it counts as a gap. */
export function testSampler(): TSampler {
  return startSampler({ intervalMs: 200, refreshMs: 200, readTimeoutMs: MAX_READ_TIMEOUT_MS, cloudwatchPeriodSeconds: 3600 });
}

export function setUpFlowLab(opts: TFlowLabOptions = {}) {
  let lab: Lab | undefined;
  let sampler: TSampler | undefined;
  const runners: TRunner[] = [];
  const users: TSessionUser[] = [];

  beforeAll(async () => {
    if (opts.lab) {
      lab = await startLab(opts.lab);
      setLabCredentials();
      const d = opts.demoData;
      if (d) {
        const sources = lab.selfManaged.filter((_, i) => !d.sources || d.sources.includes(i));
        for (const s of sources) await loadDemoData({ port: s.port, keys: d.keys, ttlRatio: 0, bigKeyElements: d.bigKeyElements });
      }
    }
    users.push(await seedUser(), await seedUser());
    if (opts.sampler) sampler = testSampler();
  }, 60_000);

  // Each test's runners end with it: an idle runner left from an earlier test would claim the next migration.
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    await sampler?.stop();
    resetAwsClients();
    await lab?.stop();
  });

  const h = {
    get lab(): Lab {
      if (!lab) throw new Error("setUpFlowLab was called without a lab");
      return lab;
    },
    get actor() {
      return users[0];
    },
    get other() {
      return users[1];
    },
    /** A started runner, stopped after the test (or crashed on purpose with crashAfter). */
    run({ crashAfter, ...runnerOpts }: TRunOptions = {}): TRunner {
      const hooks = crashAfter ? { afterWorldChange: (call: string) => { if (call === crashAfter) throw new RunnerCrash(call); } } : runnerOpts.hooks;
      const r = testRunner({ ...runnerOpts, hooks });
      runners.push(r);
      r.start();
      return r;
    },
    /** Stops the monitor (as a server restart does) and starts it again when `restart` resolves. */
    async stopSampler(): Promise<{ restart(): void }> {
      await sampler?.stop();
      sampler = undefined;
      return { restart: () => void (sampler = testSampler()) };
    },
    /** An online migration from the lab's i-th self-managed source into its i-th group, pre-flight cleared. */
    async onlineMigration(i: number, o: { password?: string; cleared?: boolean } = {}) {
      const src = h.lab.selfManaged[i];
      const groupId = h.lab.groups[i];
      const sourceId = await seedSelfManaged(h.actor, `${src.name}-ep`, src.port, { password: o.password });
      const targetId = await seedElastiCache(h.actor, `${groupId}-ep`, h.lab, groupId);
      return { id: await seedMigration(h.actor, "online", sourceId, targetId, o), src, groupId, targetName: `${groupId}-ep` };
    },
    /** Calls the lab answered with 200 (what AWS accepted). */
    ok(action: string, groupId?: string): number {
      return h.lab.calls({ action, groupId }).filter((c) => c.status === 200).length;
    },
    gate: (id: string) => evaluateCutoverGate({ migrationId: id }),
    gateOpen: (id: string) => pollUntil("the cutover gate to open", async () => (await h.gate(id)).open),
  };
  return h;
}
