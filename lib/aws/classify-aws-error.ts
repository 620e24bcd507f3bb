import "server-only";
import { AppError } from "../errors";

const ACCESS_DENIED = new Set([
  "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnrecognizedClientException",
  "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException",
  "InvalidCredentialsException", "AuthFailure", "MissingAuthenticationToken", "CredentialsProviderError",
]);
const NOT_FOUND = new Set([
  "ReplicationGroupNotFoundFault", "CacheClusterNotFoundFault", "SnapshotNotFoundFault",
  "ServerlessCacheNotFoundFault", "GlobalReplicationGroupNotFoundFault", "CacheParameterGroupNotFoundFault", "NoSuchBucket", "NoSuchKey", "NotFound",
]);
const THROTTLED = new Set([
  "Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded", "TooManyRequestsException",
  "APICallRateForCustomerExceededFault", "SlowDown", "RequestThrottled", "RequestThrottledException",
]);
const TIMEOUT = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException", "ETIMEDOUT", "ECONNRESET", "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * One AppError per AWS failure with the AWS code kept in `detail.awsCode`, so the UI can say
 * "access denied" or "group not found" and the event log keeps the exact cause.
 */
export function classifyAwsError(err: unknown, context?: string): AppError {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as { name?: string; Code?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
  const code = e.Code || e.name || e.code || "Error";
  const message = (e.message || String(err)).slice(0, 300);
  const status = e.$metadata?.httpStatusCode;
  const detail = { awsCode: code, httpStatus: status, requestId: e.$metadata?.requestId, awsMessage: message };
  const what = context ? `${context}: ` : "";

  if (ACCESS_DENIED.has(code) || status === 403) {
    const noCreds = code === "CredentialsProviderError";
    return new AppError("AWS_ACCESS_DENIED", noCreds
      ? `${what}no AWS credentials found for this credential source (${message}).`
      : `${what}AWS refused the request (${code}). Check the IAM policy of the credentials or assumed role, and the external id.`, detail);
  }
  if (NOT_FOUND.has(code) || code.endsWith("NotFoundFault") || code.endsWith("NotFound") || status === 404) {
    return new AppError("AWS_NOT_FOUND", `${what}not found (${code}). Check the id and the region.`, detail);
  }
  if (THROTTLED.has(code) || status === 429) {
    return new AppError("AWS_THROTTLED", `${what}AWS is throttling requests (${code}); Ferry will retry more slowly.`, detail);
  }
  if (TIMEOUT.has(code) || /timed? ?out|socket hang up/i.test(message)) {
    return new AppError("AWS_TIMEOUT", `${what}the AWS endpoint did not answer in time (${code}). Check network access to the endpoint.`, detail);
  }
  return new AppError("AWS_ERROR", `${what}AWS error ${code}: ${message}`, detail);
}
