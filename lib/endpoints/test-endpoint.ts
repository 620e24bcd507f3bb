import "server-only";
import { db } from "../db";
import { isAppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { testConnection, type ConnectionReport } from "../redis/test-connection";
import { describeEndpoint } from "../redis/endpoint";
import type { TSessionUser } from "../auth/sessions";
import { resolveEndpoint } from "./resolve-endpoint";

export type TEndpointCheck = ConnectionReport & { checkedAt: string; node?: string };

/**
 * "Test connection": for ElastiCache, first what AWS says (access, group found, its primary),
 * then the Redis itself. Answers within a few seconds with what it found or one clear error.
 */
export async function testEndpoint(opts: { actor: TSessionUser; id: string }): Promise<TEndpointCheck> {
  const started = Date.now();
  let check: TEndpointCheck;
  try {
    const resolved = await resolveEndpoint(opts.id);
    const report = await testConnection(resolved.redis);
    check = { ...report, checkedAt: new Date().toISOString(), node: describeEndpoint(resolved.redis) };
  } catch (err) {
    if (!isAppError(err) || err.code === "NOT_FOUND") throw err;
    check = { ok: false, code: err.code, message: err.message, latencyMs: Date.now() - started, checkedAt: new Date().toISOString() };
  }
  const row = await db.endpoint.update({
    where: { id: opts.id },
    data: { lastCheck: JSON.stringify(check), lastCheckAt: new Date(check.checkedAt) },
    select: { name: true },
  });
  await recordEvent({
    type: "endpoint.tested",
    level: check.ok ? "info" : "warn",
    actor: opts.actor,
    message: check.ok
      ? `${row.name}: ${check.engine} ${check.version ?? "?"}, ${check.role}, ${check.cluster ? `cluster of ${check.cluster.shards.length} shards, ${check.cluster.slotsCovered}/16384 slots, ` : ""}${check.totalKeys} keys (${check.latencyMs} ms)`
      : `${row.name}: ${check.message}`,
    data: { endpointId: opts.id },
  });
  return check;
}
