import "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { seedUser } from "../users/test-helpers/seed-user";
import { seedMigration } from "../flows/test-helpers/fixtures";
import { registerEndpoint } from "../endpoints/register-endpoint";
import { metricsResponse } from "./metrics-response";

const TOKEN = "metrics-token-for-the-test";
const scrape = (auth?: string, token: string | null = TOKEN) => metricsResponse(new Request("http://127.0.0.1/metrics", { headers: auth ? { Authorization: auth } : {} }), token);

describe("/metrics", () => {
  it("is off without FERRY_METRICS_TOKEN, and needs that bearer token", async () => {
    expect((await scrape(`Bearer ${TOKEN}`, null)).status).toBe(404);
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer wrong")).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(200);
  });

  it("reports state, lag, keys, memory and sampler age from the latest stored sample", async () => {
    const actor = await seedUser();
    const ep = async (name: string, port: number) => (await registerEndpoint({ actor, input: { kind: "self-managed", name, host: "127.0.0.1", port, tls: false, dbCount: 16, password: undefined, tlsCa: undefined, username: undefined } })).id;
    const id = await seedMigration(actor, "replicaof", await ep("src", 1), await ep("tgt", 2));
    await db.migration.update({ where: { id }, data: { state: "running" } });
    const at = new Date(Date.now() - 5_000);
    await db.sample.create({ data: { migrationId: id, at: new Date(at.getTime() - 1000), lagBytes: 999, srcKeys: 1, tgtKeys: 1 } });
    await db.sample.create({ data: { migrationId: id, at, lagBytes: 42, srcKeys: 1000, tgtKeys: 990, srcMemory: 2048, tgtMemory: 1024, tgtUp: false } });
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(text).toContain(`ferry_migration_state{migration="${id}",name=`);
    expect(text).toMatch(new RegExp(`ferry_migration_state\\{[^}]*state="running"\\} 1`));
    expect(text).toContain(`ferry_migration_lag_bytes{migration="${id}"} 42`);
    expect(text).toContain(`ferry_migration_keys{migration="${id}",side="target"} 990`);
    expect(text).toContain(`ferry_migration_memory_bytes{migration="${id}",side="source"} 2048`);
    expect(text).toContain(`ferry_migration_endpoint_up{migration="${id}",side="target"} 0`);
    expect(text).toContain(`ferry_migration_gate_open{migration="${id}"} 0`);
    expect(text).toContain(`ferry_runner_lease_ok{migration="${id}"} 0`);
    const age = Number(new RegExp(`ferry_sampler_last_sample_age_seconds\\{migration="${id}"\\} ([\\d.]+)`).exec(text)?.[1]);
    expect(age).toBeGreaterThanOrEqual(5);
    expect(age).toBeLessThan(60);
  });
});
