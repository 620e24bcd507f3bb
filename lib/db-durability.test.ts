import "../test/use-test-db";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { enqueueVerification, startVerification } from "@/lib/verify/start-verification";
import { createTestOperator } from "@/lib/verify/test-migration-fixture";

async function migrationWithActiveVerification() {
  const endpoint = (name: string) => db.endpoint.create({ data: { name: `${name}-${Date.now()}`, kind: "self-managed", host: "127.0.0.1", port: 1 } });
  const [source, target] = await Promise.all([endpoint("src"), endpoint("tgt")]);
  const m = await db.migration.create({ data: { name: "durability", strategy: "replicaof", state: "completed", sourceId: source.id, targetId: target.id } });
  await enqueueVerification({ migrationId: m.id, requestedBy: "runner" });
  return m;
}

describe("acknowledged writes", () => {
  it("all 200 event writes survive refused Start verification calls racing them", async () => {
    const actor = await createTestOperator();
    const m = await migrationWithActiveVerification();
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 200; i++) {
      calls.push(recordEvent({ type: "test.acknowledged", message: `write ${i}`, migrationId: m.id }));
      if (i % 4 === 0) calls.push(startVerification({ actor, migrationId: m.id }).then(() => null, (e: unknown) => e));
    }
    const results = await Promise.all(calls);
    // Every start was refused (a run is active): the transactions really rolled back.
    const refusals = results.filter((r) => r instanceof AppError);
    expect(refusals).toHaveLength(50);
    expect(refusals.every((e) => (e as AppError).code === "CONFLICT")).toBe(true);
    expect(await db.event.count({ where: { type: "test.acknowledged" } })).toBe(200);
  });
});
