import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LabContext } from "../context";
import { ApiError } from "../http/api-error";
import { readSmallBody } from "../http/body";
import { callerAccount, internalError } from "../http/caller";
import { escapeXml } from "../http/xml";
import type { EcHandler } from "./handler-types";
import { describeCacheClusters, describeReplicationGroups } from "./groups-describe";
import { createReplicationGroup } from "./groups-create";
import { deleteReplicationGroup, modifyReplicationGroup } from "./groups-modify";
import { completeMigration, startMigration, testMigration } from "./migration";
import { createSnapshot } from "./snapshots-create";
import { testFailover } from "./test-failover";
import { copySnapshot } from "./snapshots-copy";
import { deleteSnapshot, describeEvents, describeSnapshots } from "./snapshots-manage";
import { QueryParams } from "./query-params";
import { createServerlessCache, deleteServerlessCache, describeServerlessCaches } from "./serverless";
import { completeServerlessMigration, prepareMigration, startServerlessMigration, stopMigration } from "./serverless-migration";
import { createCacheParameterGroup, describeCacheParameterGroups, describeCacheParameters, modifyCacheParameterGroup } from "./parameter-groups-api";

const VERSION = "2015-02-02";
const NS = `http://elasticache.amazonaws.com/doc/${VERSION}/`;

const HANDLERS: Record<string, EcHandler> = {
  DescribeReplicationGroups: describeReplicationGroups,
  DescribeCacheClusters: describeCacheClusters,
  CreateReplicationGroup: createReplicationGroup,
  DeleteReplicationGroup: deleteReplicationGroup,
  ModifyReplicationGroup: modifyReplicationGroup,
  TestMigration: testMigration,
  TestFailover: testFailover,
  // The serverless forms of these two carry ServerlessCacheName instead of ReplicationGroupId.
  StartMigration: (c) => (c.params.str("ServerlessCacheName") ? startServerlessMigration(c) : startMigration(c)),
  CompleteMigration: (c) => (c.params.str("ServerlessCacheName") ? completeServerlessMigration(c) : completeMigration(c)),
  PrepareMigration: prepareMigration,
  StopMigration: stopMigration,
  CreateSnapshot: createSnapshot,
  DescribeSnapshots: describeSnapshots,
  CopySnapshot: copySnapshot,
  DeleteSnapshot: deleteSnapshot,
  DescribeEvents: describeEvents,
  DescribeServerlessCaches: describeServerlessCaches,
  CreateServerlessCache: createServerlessCache,
  DeleteServerlessCache: deleteServerlessCache,
  CreateCacheParameterGroup: createCacheParameterGroup,
  DescribeCacheParameterGroups: describeCacheParameterGroups,
  DescribeCacheParameters: describeCacheParameters,
  ModifyCacheParameterGroup: modifyCacheParameterGroup,
};

/** ElastiCache over the AWS Query protocol: form POST in, `<XResponse><XResult>` or `<ErrorResponse>` out. */
export async function handleElastiCache(ctx: LabContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const requestId = crypto.randomUUID();
  const note: { groupId?: string } = {};
  let action = "Unknown";
  let accountId: string | undefined;
  let status = 200;
  let errorCode: string | undefined;
  let body: string;
  try {
    const p = new URLSearchParams(await readSmallBody(req));
    action = p.get("Action") || "Unknown";
    // Known before the handler runs, so even throttled or faulted calls are attributed to their group.
    note.groupId = (p.get("ReplicationGroupId") ?? p.get("ServerlessCacheName"))?.toLowerCase() || undefined;
    const account = callerAccount(req, url, "query");
    accountId = account.accountId;
    if (!p.get("Action")) throw new ApiError("MissingAction", "Missing Action");
    if (!p.get("Version")) throw new ApiError("MissingParameter", "The request must contain the parameter Version");
    const handler = p.get("Version") === VERSION ? HANDLERS[action] : undefined;
    if (!handler) throw new ApiError("InvalidAction", `Could not find operation ${action} for version ${p.get("Version")}`);
    const fault = ctx.faults.takeRequestFault("elasticache", action);
    if (fault) throw fault;
    const result = await handler({ ctx, account, params: new QueryParams(p), note });
    body = `<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  } catch (err) {
    const e = err instanceof ApiError ? err : internalError(err);
    status = e.status;
    errorCode = e.code;
    body = `<ErrorResponse xmlns="${NS}"><Error><Type>${e.faultType}</Type><Code>${escapeXml(e.code)}</Code><Message>${escapeXml(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  }
  ctx.calls.record({ service: "elasticache", action, account: accountId, groupId: note.groupId, status, errorCode });
  res.writeHead(status, { "content-type": "text/xml", "x-amzn-requestid": requestId, "content-length": Buffer.byteLength(body) });
  res.end(body);
}
