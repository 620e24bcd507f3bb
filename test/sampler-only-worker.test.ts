// A worker started with FERRY_WORKER_LOOPS=sampler (README: a dedicated sampler at fleet scale)
// samples the migrations it holds and takes no other work: a verification queued meanwhile waits
// for a worker that runs the verification loop.
import "./use-test-db";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createMigrationRow } from "@/lib/monitor/test-helpers/fixtures";
import { enqueueVerification } from "@/lib/verify/jobs/start-verification";
import { VERIFICATION_POLL_MS } from "@/lib/verify/jobs/verification-worker";
import { startRedisPair, type RedisPair } from "@/lib/verify/test-helpers/test-redis-pair";
import { pollUntil } from "./test-helpers/poll-until";
import { startWorkerProcess, type TWorkerProcess } from "./test-helpers/worker-process";
import { storedSamples } from "../lib/monitor/test-helpers/stored-samples";

let pair: RedisPair;
let worker: TWorkerProcess | undefined;

beforeAll(async () => void (pair = await startRedisPair()), 60_000);
afterAll(async () => {
  await worker?.kill();
  await pair.stop();
});

it("a sampler-only worker stores samples of a running migration and leaves a queued verification alone", async () => {
  const migration = await createMigrationRow({ name: "sampler-only", source: { host: pair.source.host, port: pair.source.port }, target: { host: pair.target.host, port: pair.target.port } });
  const { id: verificationId } = await enqueueVerification({ migrationId: migration.id, requestedBy: "runner" });
  worker = await startWorkerProcess({ env: { FERRY_WORKER_LOOPS: "sampler" } });
  expect(worker.output()).toContain("[ferry] worker: sampler started");

  await pollUntil("the sampler-only worker to store samples with both ends read", async () => (await storedSamples({ migrationId: migration.id, srcUp: true, tgtUp: true })).length >= 3, { timeoutMs: 60_000 });
  // Samples exist, so the worker has been running for several ticks; give a verification worker,
  // had one been started, two of its polls more to take the run. Nobody may have.
  await new Promise((r) => setTimeout(r, 2 * VERIFICATION_POLL_MS));
  const run = await db.verificationRun.findUniqueOrThrow({ where: { id: verificationId } });
  expect(run.status).toBe("queued");
  expect(await db.verificationUnit.count({ where: { verificationId } })).toBe(0);
}, 120_000);
