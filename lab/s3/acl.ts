import { ApiError } from "../http/api-error";

export type Permission = "READ" | "WRITE" | "READ_ACP" | "WRITE_ACP" | "FULL_CONTROL";
export type Grantee = { type: "CanonicalUser"; id: string } | { type: "Group"; uri: string };
export type Grant = { grantee: Grantee; permission: Permission };
export type Ownership = "BucketOwnerEnforced" | "BucketOwnerPreferred" | "ObjectWriter";

const PERMISSIONS: Permission[] = ["READ", "WRITE", "READ_ACP", "WRITE_ACP", "FULL_CONTROL"];
const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

export const ownerFull = (id: string): Grant => ({ grantee: { type: "CanonicalUser", id }, permission: "FULL_CONTROL" });

/** FULL_CONTROL implies every other permission, as in S3. */
export function hasGrant(acl: Grant[], canonicalId: string, permission: Permission): boolean {
  return acl.some(
    (g) =>
      (g.permission === permission || g.permission === "FULL_CONTROL") &&
      ((g.grantee.type === "CanonicalUser" && g.grantee.id === canonicalId) ||
        (g.grantee.type === "Group" && g.grantee.uri === ALL_USERS)),
  );
}

/** Canned ACLs (x-amz-acl) the lab understands. */
export function cannedAcl(name: string, ownerId: string, bucketOwnerId: string): Grant[] {
  const own = [ownerFull(ownerId)];
  switch (name) {
    case "private":
      return own;
    case "public-read":
      return [...own, { grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" }];
    case "bucket-owner-read":
      return ownerId === bucketOwnerId ? own : [...own, { grantee: { type: "CanonicalUser", id: bucketOwnerId }, permission: "READ" }];
    case "bucket-owner-full-control":
      return ownerId === bucketOwnerId ? own : [...own, ownerFull(bucketOwnerId)];
    default:
      throw new ApiError("InvalidArgument", `Unsupported canned ACL: ${name}`);
  }
}

/** x-amz-grant-read: id="...", uri="..." style headers. Returns undefined when none are present. */
export function grantsFromHeaders(headers: Record<string, string | string[] | undefined>): Grant[] | undefined {
  const out: Grant[] = [];
  let seen = false;
  for (const p of PERMISSIONS) {
    const raw = headers[`x-amz-grant-${p.toLowerCase().replace("_", "-")}`];
    if (typeof raw !== "string") continue;
    seen = true;
    for (const part of raw.split(",")) {
      const m = part.trim().match(/^(id|uri|emailAddress)\s*=\s*"?([^"]+)"?$/i);
      if (!m) throw new ApiError("InvalidArgument", `Invalid grant header value: ${part.trim()}`);
      if (m[1].toLowerCase() === "emailaddress") throw new ApiError("InvalidArgument", "Email grantees are not supported by the lab.");
      out.push({ grantee: m[1].toLowerCase() === "id" ? { type: "CanonicalUser", id: m[2] } : { type: "Group", uri: m[2] }, permission: p });
    }
  }
  return seen ? out : undefined;
}

export function isPermission(s: string): s is Permission {
  return (PERMISSIONS as string[]).includes(s);
}
