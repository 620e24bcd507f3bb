import type { IncomingMessage } from "node:http";
import { accountByAccessKey, parseSigV4, type LabAccount } from "../accounts";
import { ApiError } from "./api-error";

/** Who is calling, from the SigV4 credential scope. Unknown keys get AWS's 403s. */
export function callerAccount(req: IncomingMessage, url: URL, flavour: "query" | "json" | "s3"): LabAccount {
  const scope = parseSigV4(req.headers.authorization, url);
  if (!scope) {
    throw flavour === "s3"
      ? new ApiError("AccessDenied", "Access Denied", 403)
      : new ApiError("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
  }
  const account = accountByAccessKey(scope.accessKeyId);
  if (!account) {
    throw flavour === "s3"
      ? new ApiError("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403)
      : new ApiError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
  }
  return account;
}

export function internalError(err: unknown): ApiError {
  console.error("[lab] internal error:", err);
  return new ApiError("InternalFailure", `The lab failed to process the request: ${(err as Error)?.message ?? err}`, 500);
}
