import "../../test/use-test-db";
import { DescribeCacheClustersCommand, DescribeReplicationGroupsCommand } from "@aws-sdk/client-elasticache";
import type Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lab/start-lab";
import { labClients, redisAt, waitFor } from "../../lab/test-clients";
import { resetAwsClients } from "../aws/clients";
import { db } from "../db";
import { registerEndpoint } from "../endpoints/register-endpoint";
import { seedElastiCache, seedSelfManaged } from "../flows/test-helpers/fixtures";
import { seedUser } from "../users/test-helpers/seed-user";
import { runPreflight } from "../preflight/run-preflight";
import type { PreflightCheck } from "../preflight/types";
import type { TSessionUser } from "../auth/sessions";
import { applyNotificationsFix } from "./apply-notifications-fix";
import { createMigration } from "./create-migration";
import { runMigrationPreflight } from "./run-migration-preflight";
import { setLabCredentials } from "../../lab/set-lab-credentials";

// The pre-flight and its consented fix against the lab, whose ElastiCache nodes refuse CONFIG
// exactly as AWS's do: the setting must come from (and go to) the parameter group.
let lab: Lab;
let actor: TSessionUser;
let managedId: string;

beforeAll(async () => {
  lab = await startLab({
    delays: { modify: 100 },
    selfManaged: [{ name: "plain", keys: 50 }],
    parameterGroups: [{ name: "custom-off" }],
    groups: [{ id: "ec-default", nodes: 2, keys: 100 }, { id: "ec-custom", nodes: 1, keys: 20, parameterGroupName: "custom-off" }],
    managedTargets: [{ name: "managed" }],
  });
  setLabCredentials();
  actor = await seedUser();
  const t = lab.managedTargets[0];
  managedId = (await registerEndpoint({ actor, input: { kind: "self-managed", name: "managed", host: t.host, port: t.port, tls: true, tlsCa: t.caPem, username: t.username, password: t.password, dbCount: 16 } })).id;
}, 60_000);
afterAll(async () => {
  resetAwsClients();
  await lab?.stop();
});

const byId = (checks: PreflightCheck[], id: string) => checks.find((c) => c.id === id)!;
const replicate = async (sourceId: string) => (await createMigration({ actor, name: `r-${sourceId}`, strategy: "replicate", sourceId, targetId: managedId })).id;
const primaryPort = async (groupId: string) =>
  (await labClients(lab).ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: groupId }))).ReplicationGroups![0].NodeGroups![0].PrimaryEndpoint!.Port!;

/** A keyspace event really arrives: the proof that notifications are on, not just configured. */
async function hearsKeyspaceEvent(port: number, writer: Redis = redisAt(port)): Promise<string> {
  const sub = redisAt(port);
  try {
    const heard = new Promise<string>((resolve) => sub.on("pmessage", (_p, channel, message) => resolve(`${channel} ${message}`)));
    await sub.psubscribe("__keyspace@0__:*");
    await writer.set("probe-after-fix", "1");
    return await heard;
  } finally {
    sub.disconnect();
    writer.disconnect();
  }
}

describe("replicate pre-flight: keyspace notifications", () => {
  it("ElastiCache on a default parameter group: fails with the custom-group fix; the consented fix attaches a KEA group and events arrive", async () => {
    const id = await replicate(await seedElastiCache(actor, "ec-default", lab, "ec-default"));
    const before = await runMigrationPreflight({ actor, migrationId: id });
    const n = byId(before.checks, "source.keyspace-notifications");
    expect(n).toMatchObject({ status: "fail", autoFix: "keyspace-notifications", evidence: expect.stringContaining("parameter group default.redis7") });
    expect(n.fix).toMatch(/default parameter group, which cannot be modified/);
    expect(n.fix).toContain("--cache-parameter-group-family redis7");
    // The managed target: empty, RESTORE refused -> type-level copy, not a failure.
    expect(byId(before.checks, "target.restore")).toMatchObject({ status: "warn", evidence: expect.stringMatching(/type-level copy/) });
    expect(byId(before.checks, "target.empty").status).toBe("pass");
    expect(byId(before.checks, "pairing.same-server").status).toBe("pass");

    const out = await applyNotificationsFix({ actor, migrationId: id });
    expect(out.message).toMatch(/Attached ferry-kea-ec-default/);
    const events = await db.event.findMany({ where: { migrationId: id, type: "source.notifications_fix" }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.message.split(" ")[0])).toEqual(["CreateCacheParameterGroup", "ModifyCacheParameterGroup", "ModifyReplicationGroup"]);

    const { ec } = labClients(lab);
    await waitFor("the KEA group applied", async () => {
      const pg = (await ec.send(new DescribeCacheClustersCommand({ CacheClusterId: "ec-default-001" }))).CacheClusters![0].CacheParameterGroup;
      return pg?.CacheParameterGroupName === "ferry-kea-ec-default" && pg.ParameterApplyStatus === "in-sync";
    });
    expect(await hearsKeyspaceEvent(await primaryPort("ec-default"))).toBe("__keyspace@0__:probe-after-fix set");
    await waitFor("the group available again", async () => (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "ec-default" }))).ReplicationGroups![0].Status === "available");
    const after = await runMigrationPreflight({ actor, migrationId: id });
    expect(byId(after.checks, "source.keyspace-notifications")).toMatchObject({ status: "pass", evidence: expect.stringContaining('"KEA"') });
  });

  it("ElastiCache on a custom group without notifications: the fix modifies that group, no ModifyReplicationGroup", async () => {
    const id = await replicate(await seedElastiCache(actor, "ec-custom", lab, "ec-custom"));
    const n = byId((await runMigrationPreflight({ actor, migrationId: id })).checks, "source.keyspace-notifications");
    expect(n).toMatchObject({ status: "fail", fix: expect.stringContaining("modify-cache-parameter-group --cache-parameter-group-name custom-off") });
    lab.resetCalls();
    await applyNotificationsFix({ actor, migrationId: id });
    expect(lab.calls({ action: "ModifyReplicationGroup" })).toHaveLength(0);
    expect(await hearsKeyspaceEvent(await primaryPort("ec-custom"))).toBe("__keyspace@0__:probe-after-fix set");
  });

  it("self-managed: fails with the CONFIG SET fix; the consented fix sends exactly that and events arrive", async () => {
    const port = lab.selfManaged[0].port;
    const id = await replicate(await seedSelfManaged(actor, "plain", port));
    const n = byId((await runMigrationPreflight({ actor, migrationId: id })).checks, "source.keyspace-notifications");
    expect(n).toMatchObject({ status: "fail", evidence: 'notify-keyspace-events is "" (CONFIG GET notify-keyspace-events).' });
    expect(n.fix).toContain("`CONFIG SET notify-keyspace-events KEA`");
    await applyNotificationsFix({ actor, migrationId: id });
    const c = redisAt(port);
    expect(((await c.config("GET", "notify-keyspace-events")) as string[])[1]).toMatch(/^(?=.*K)(?=.*E)(?=.*A)/);
    expect(await hearsKeyspaceEvent(port, c)).toBe("__keyspace@0__:probe-after-fix set");
    const ev = await db.event.findFirstOrThrow({ where: { migrationId: id, type: "source.notifications_fix" } });
    expect(ev.message).toMatch(/^CONFIG SET notify-keyspace-events \w+ on the source \(was ""\), with .*'s consent$/);
  });

  it("a target that is the source under another name, or holds keys, fails", async () => {
    const plain = { kind: "redis" as const, endpoint: { host: "127.0.0.1", port: lab.selfManaged[0].port } };
    const same = await runPreflight({ strategy: "replicate", source: plain, target: { kind: "redis", endpoint: { host: "localhost", port: lab.selfManaged[0].port } } });
    expect(byId(same.checks, "pairing.same-server")).toMatchObject({ status: "fail", evidence: expect.stringContaining("same run_id") });
    expect(byId(same.checks, "target.empty").status).toBe("fail");
  });
});
