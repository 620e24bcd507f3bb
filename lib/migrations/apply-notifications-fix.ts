import "server-only";
import type { Endpoint } from "@prisma/client";
import type { TSessionUser } from "../auth/sessions";
import { describeMemberClusters, describeReplicationGroup } from "../aws/elasticache";
import {
  attachParameterGroup, describeMemberParameterGroup, ensureParameterGroup, parameterGroupFamily, setCacheParameter,
} from "../aws/parameter-groups";
import { db } from "../db";
import { resolveEndpoint } from "../endpoints/resolve-endpoint";
import { awsClientsFor } from "../endpoints/aws-endpoint-clients";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { customGroupName, NOTIFY_ALL } from "../preflight/notification-checks";
import { isClusterEnd } from "../redis/cluster/is-cluster-end";
import { connectRedis } from "../redis/connect";
import { grantOperatorConsent } from "../redis/read-only";
import { describeClusterNotifications, setClusterNotifications } from "./set-cluster-notifications";
import { NOTIFY_PARAMETER as PARAMETER, setNodeNotifications, withAllKeyEvents } from "./set-node-notifications";

/**
 * The pre-flight fix the operator consented to: keyspace notifications on the source of a
 * replicate migration. ElastiCache: a custom parameter group with KEA attached to the group
 * (default groups cannot be modified), or the custom group it already uses modified. Self-managed:
 * one CONFIG SET through the read-only source wrapper's consent path, on every node of a cluster.
 * Each change is an Event.
 */
export async function applyNotificationsFix(opts: { actor: TSessionUser; migrationId: string }): Promise<{ message: string }> {
  const m = await db.migration.findUnique({ where: { id: opts.migrationId }, include: { source: true } });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  if (m.strategy !== "replicate") throw new AppError("ILLEGAL_TRANSITION", "Keyspace notifications are only needed for key-level replication.");
  if (m.state !== "draft") throw new AppError("ILLEGAL_TRANSITION", `The migration is ${m.state}; apply pre-flight fixes before it starts.`);
  const record = (message: string, data: Record<string, unknown>) =>
    recordEvent({ type: "source.notifications_fix", actor: opts.actor, migrationId: m.id, message, data });
  const message = m.source.kind === "elasticache" ? await fixParameterGroup(m.source, record) : await fixWithConfigSet(m.source, opts.actor, record);
  return { message };
}

type Record_ = (message: string, data: Record<string, unknown>) => Promise<string>;

async function fixParameterGroup(source: Endpoint, record: Record_): Promise<string> {
  const clients = awsClientsFor(source);
  const rgId = source.replicationGroupId!;
  const rg = await describeReplicationGroup(clients, rgId);
  const members = await describeMemberClusters(clients, rg);
  const pg = await describeMemberParameterGroup(clients, members);
  if (!pg) throw new AppError("AWS_ERROR", `The members of ${rgId} report no parameter group.`);
  if (pg.memberGroups.length > 1 || pg.applyStatus !== "in-sync") {
    throw new AppError("CONFLICT", `A parameter group change is already under way on ${rgId} (${pg.memberGroups.join(", ")}, ${pg.applyStatus}); wait for it and re-run the checks.`);
  }
  const value = withAllKeyEvents(pg.notifyKeyspaceEvents ?? "");
  if (!pg.isDefault) {
    await setCacheParameter(clients, pg.name, PARAMETER, value);
    await record(`ModifyCacheParameterGroup ${pg.name}: ${PARAMETER}=${value} (was "${pg.notifyKeyspaceEvents ?? ""}")`, { parameterGroup: pg.name, value, previous: pg.notifyKeyspaceEvents });
    return `Set ${PARAMETER}=${value} in ${pg.name}.`;
  }
  const family = await parameterGroupFamily(clients, pg.name);
  const custom = customGroupName(rgId);
  const created = await ensureParameterGroup(clients, { name: custom, family, description: `${pg.name} with ${PARAMETER} ${NOTIFY_ALL} (Ferry, for key-level replication)` });
  await record(`CreateCacheParameterGroup ${custom} (family ${family})${created === "exists" ? ": already there, reused" : ""}`, { parameterGroup: custom, family, created });
  await setCacheParameter(clients, custom, PARAMETER, value);
  await record(`ModifyCacheParameterGroup ${custom}: ${PARAMETER}=${value}`, { parameterGroup: custom, value });
  if (rg.ClusterEnabled) {
    // A new custom group starts with cluster-enabled no, which a cluster-mode group refuses to attach.
    await setCacheParameter(clients, custom, "cluster-enabled", "yes");
    await record(`ModifyCacheParameterGroup ${custom}: cluster-enabled=yes (as ${pg.name})`, { parameterGroup: custom, clusterEnabled: true });
  }
  await attachParameterGroup(clients, rgId, custom);
  await record(`ModifyReplicationGroup ${rgId}: parameter group ${pg.name} -> ${custom} (apply immediately)`, { replicationGroupId: rgId, from: pg.name, to: custom });
  return `Attached ${custom} (${PARAMETER}=${value}) to ${rgId}; the group is modifying until the nodes apply it.`;
}

async function fixWithConfigSet(source: Endpoint, actor: TSessionUser, record: Record_): Promise<string> {
  const { redis } = await resolveEndpoint(source.id);
  const consent = grantOperatorConsent({ operator: actor.email, reason: "Keyspace notifications for key-level replication (pre-flight fix)", commands: ["CONFIG SET"] });
  if (await isClusterEnd(redis)) {
    const outcome = await setClusterNotifications({ endpoint: redis, consent });
    const { message, error } = describeClusterNotifications(outcome);
    await record(`${message} With ${actor.email}'s consent.`, { nodes: outcome.nodes, refused: outcome.refused, notReached: outcome.notReached });
    if (error) throw error;
    return `${message} Add notify-keyspace-events to every node's redis.conf so a restart keeps it.`;
  }
  const client = await connectRedis(redis, { role: "source", connectionName: "ferry-notifications-fix" });
  try {
    const { previous, value } = await setNodeNotifications(client, consent, { always: true });
    await record(`CONFIG SET ${PARAMETER} ${value} on the source (was "${previous}"), with ${actor.email}'s consent`, { value, previous });
    return `Sent CONFIG SET ${PARAMETER} ${value} to the source. Add it to redis.conf so a restart keeps it.`;
  } finally {
    client.disconnect();
  }
}
