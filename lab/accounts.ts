import crypto from "node:crypto";

/** A lab "AWS account": fixed keys so that data/lab.json and tests can hard-code nothing. */
export type LabAccount = {
  name: "A" | "B";
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** S3 canonical user id (64 hex chars, like AWS's). */
  canonicalId: string;
  displayName: string;
};

function account(name: "A" | "B", accountId: string): LabAccount {
  return {
    name,
    accountId,
    accessKeyId: `AKIALAB${name}${accountId.slice(0, 12)}`,
    secretAccessKey: `lab-secret-${name.toLowerCase()}-not-checked`,
    canonicalId: crypto.createHash("sha256").update(`ferry-lab-${accountId}`).digest("hex"),
    displayName: `lab-account-${name.toLowerCase()}`,
  };
}

export const LAB_ACCOUNTS: Record<"A" | "B", LabAccount> = {
  A: account("A", "111111111111"),
  B: account("B", "222222222222"),
};

/** The canonical user ElastiCache uses to read and write S3 in standard regions (AWS docs). */
export const ELASTICACHE_CANONICAL_ID = "540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353";

export const LAB_REGION = "us-east-1";

export function accountByAccessKey(accessKeyId: string | undefined): LabAccount | undefined {
  return Object.values(LAB_ACCOUNTS).find((a) => a.accessKeyId === accessKeyId);
}

export function accountByCanonicalId(id: string): LabAccount | undefined {
  return Object.values(LAB_ACCOUNTS).find((a) => a.canonicalId === id);
}

export type SigV4Scope = { accessKeyId: string; region: string; service: string };

/**
 * Reads who is calling from the SigV4 Authorization header (or a presigned URL's
 * X-Amz-Credential). Signatures are not verified: the lab only needs to tell accounts apart.
 */
export function parseSigV4(authorization: string | undefined, url: URL): SigV4Scope | undefined {
  const cred = authorization?.match(/Credential=([^,\s]+)/)?.[1] ?? url.searchParams.get("X-Amz-Credential");
  if (!cred) return undefined;
  const [accessKeyId, , region, service] = cred.split("/");
  if (!accessKeyId) return undefined;
  return { accessKeyId, region: region ?? "", service: service ?? "" };
}
