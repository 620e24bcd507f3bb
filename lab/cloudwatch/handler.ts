import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LabContext } from "../context";
import { ApiError } from "../http/api-error";
import { readSmallBody } from "../http/body";
import { callerAccount, internalError } from "../http/caller";
import { getMetricData, getMetricStatistics } from "./operations";
import type { MetricSampler } from "./sampler";

const TARGET_PREFIX = "GraniteServiceVersion20100801.";

/** SDK exception shape names for the query-compatible codes the lab emits. */
const SHAPES: Record<string, string> = {
  InvalidParameterValue: "InvalidParameterValueException",
  MissingParameter: "MissingRequiredParameterException",
  InvalidParameterCombination: "InvalidParameterCombinationException",
  InternalServiceError: "InternalServiceFault",
};

/**
 * CloudWatch as the installed SDK speaks it: awsJson1_0 (X-Amz-Target) in "query compatible"
 * mode, so errors carry the Query-era code in `x-amzn-query-error: Code;Sender`.
 */
export async function handleCloudWatch(ctx: LabContext, sampler: MetricSampler, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const requestId = crypto.randomUUID();
  const target = String(req.headers["x-amz-target"] ?? "");
  const action = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target || "Unknown";
  let accountId: string | undefined;
  let status = 200;
  let errorCode: string | undefined;
  let out: unknown;
  try {
    const text = await readSmallBody(req);
    const account = callerAccount(req, url, "json");
    accountId = account.accountId;
    let input: Record<string, unknown>;
    try {
      input = text ? JSON.parse(text) : {};
      if (typeof input !== "object" || input === null || Array.isArray(input)) throw new Error("not an object");
    } catch {
      throw new ApiError("SerializationException", "Request body is not a JSON object.");
    }
    const op = { GetMetricData: getMetricData, GetMetricStatistics: getMetricStatistics }[action];
    if (!op || !target.startsWith(TARGET_PREFIX)) throw new ApiError("UnknownOperationException", `Unknown operation ${action}`);
    const fault = ctx.faults.takeRequestFault("cloudwatch", action);
    if (fault) throw fault;
    out = op(sampler, account.accountId, input);
  } catch (err) {
    const e = err instanceof ApiError ? err : internalError(err);
    status = e.status;
    errorCode = e.code;
    res.setHeader("x-amzn-query-error", `${e.code};${e.faultType}`);
    out = { __type: `com.amazonaws.cloudwatch#${SHAPES[e.code] ?? e.code}`, message: e.message };
  }
  ctx.calls.record({ service: "cloudwatch", action, account: accountId, status, errorCode });
  const body = JSON.stringify(out);
  res.writeHead(status, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": requestId, "content-length": Buffer.byteLength(body) });
  res.end(body);
}
