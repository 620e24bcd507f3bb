import { pollUntil } from "../../test/test-helpers/poll-until";
import { ApiError } from "../http/api-error";
import { findGroup, requireStatus, type EcCall, type EcHandler } from "./handler-types";
import { openLabAdmin } from "./refused-commands";
import { renderGroup } from "./render";
import { primaryOf, type Group, type Shard } from "./state";

/**
 * TestFailover { ReplicationGroupId, NodeGroupId }: the node group's replica really takes over
 * (CLUSTER FAILOVER on the replica through the lab's privileged path, so the old primary hands
 * over its slots and becomes the replica); roles and events change as on AWS. Cluster mode only.
 */
export const testFailover: EcHandler = async (c) => {
  const g = findGroup(c, c.params.required("ReplicationGroupId"));
  const nodeGroupId = c.params.required("NodeGroupId");
  requireStatus(g, "available");
  const shard = g.shards.find((s) => s.nodeGroupId === nodeGroupId);
  if (!shard) throw new ApiError("NodeGroupNotFoundFault", `Node group ${nodeGroupId} not found in replication group ${g.id}.`, 404);
  if (!g.clusterEnabled) throw new ApiError("InvalidParameterValue", "The lab models TestFailover for cluster-mode-enabled groups only.");
  if (!g.autoFailover) throw new ApiError("InvalidParameterCombination", `Automatic failover is disabled for replication group ${g.id}.`);
  const replica = shard.members.find((m) => m.role === "replica");
  if (!replica) throw new ApiError("InvalidParameterCombination", `Node group ${nodeGroupId} has no replica to fail over to.`);
  if (shard.failingOver) throw new ApiError("TestFailoverNotAvailableFault", `A failover of node group ${nodeGroupId} is already in progress.`);
  shard.failingOver = true;
  event(c, g, `Test Failover API called for node group ${nodeGroupId}`);
  c.ctx.later(0, () => promote(c, g, shard, replica.clusterId).finally(() => (shard.failingOver = false)));
  return renderGroup(g, c.ctx.region);
};

/** How long a promotion may take before the lab reports it failed (a loaded 2-core machine took over 10 s). */
export const LAB_FAILOVER_TIMEOUT_MS = 30_000;
/** Redis drops a manual failover not done in 5 s (CLUSTER_MF_TIMEOUT); one attempt waits a little longer. */
const MANUAL_FAILOVER_ATTEMPT_MS = 6_000;

async function promote(c: EcCall, g: Group, shard: Shard, replicaId: string): Promise<void> {
  const old = primaryOf(shard);
  const next = shard.members.find((m) => m.clusterId === replicaId)!;
  const admin = openLabAdmin(next.redis.port);
  const role = async (port: number) => /role:(\w+)/.exec(await c.ctx.redis(port).info("replication"))?.[1];
  // Settled once the old primary has also taken the new configuration and follows.
  const settled = async () => (await role(next.redis.port)) === "master" && (await role(old.redis.port)) === "slave";
  const deadline = Date.now() + LAB_FAILOVER_TIMEOUT_MS;
  try {
    // A manual failover that does not finish within Redis's own 5 s limit (a loaded machine) is
    // dropped by the server without a word: asked again until the deadline, as AWS keeps at it.
    for (let attempt = 0; !(await settled()); attempt++) {
      if (Date.now() >= deadline) throw new Error(`${replicaId} did not become primary within ${LAB_FAILOVER_TIMEOUT_MS / 1000} s`);
      // A retry may meet the previous attempt just finishing: the roles judge it, not its reply.
      const asked = admin.call("CLUSTER", "FAILOVER");
      await (attempt === 0 ? asked : asked.catch(() => undefined));
      await pollUntil(`${replicaId} to become primary`, settled, { timeoutMs: Math.max(0, Math.min(MANUAL_FAILOVER_ATTEMPT_MS, deadline - Date.now())) }).catch(() => false);
    }
  } catch (err) {
    event(c, g, `Failover of node group ${shard.nodeGroupId} failed: ${(err as Error).message.split("\n")[0]}`);
    return;
  } finally {
    admin.disconnect();
  }
  old.role = "replica";
  next.role = "primary";
  event(c, g, `Failover from primary node ${old.clusterId} to replica node ${next.clusterId} completed`);
}

const event = (c: EcCall, g: Group, message: string) =>
  c.ctx.event({ accountId: g.account.accountId, sourceId: g.id, sourceType: "replication-group", message });
