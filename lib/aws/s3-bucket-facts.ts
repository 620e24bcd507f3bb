import "server-only";
import {
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketOwnershipControlsCommand,
  HeadBucketCommand,
  type Grant,
} from "@aws-sdk/client-s3";
import { classifyAwsError } from "./classify-aws-error";
import type { AwsClients } from "./clients";

export type Fact<T> = { value: T; error: null } | { value: null; error: { code: string; message: string } };

export type BucketFacts = {
  bucket: string;
  exists: Fact<boolean>;
  /** GetBucketLocation's LocationConstraint normalised: "" / null mean us-east-1. */
  region: Fact<string>;
  /** BucketOwnerEnforced | BucketOwnerPreferred | ObjectWriter; "ObjectWriter" when no controls are set. */
  objectOwnership: Fact<string>;
  grants: Fact<Grant[]>;
};

/** Everything the snapshot pre-flight needs to know about a bucket, each part independently fallible. */
export async function getBucketFacts(clients: Pick<AwsClients, "s3">, bucket: string): Promise<BucketFacts> {
  const s3 = clients.s3;
  const exists = await fact(async () => {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  }, { AWS_NOT_FOUND: false });
  const region = await fact(async () => {
    const out = await s3.send(new GetBucketLocationCommand({ Bucket: bucket }));
    const c = out.LocationConstraint as string | undefined;
    return !c ? "us-east-1" : c === "EU" ? "eu-west-1" : c;
  });
  const objectOwnership = await fact(async () => {
    try {
      const out = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket }));
      return out.OwnershipControls?.Rules?.[0]?.ObjectOwnership ?? "ObjectWriter";
    } catch (err) {
      // Buckets created before April 2023 may have no controls at all: that means ObjectWriter (ACLs on).
      if ((err as { name?: string }).name === "OwnershipControlsNotFoundError") return "ObjectWriter";
      throw err;
    }
  });
  const grants = await fact(async () => (await s3.send(new GetBucketAclCommand({ Bucket: bucket }))).Grants ?? []);
  return { bucket, exists, region, objectOwnership, grants };
}

async function fact<T>(read: () => Promise<T>, fallbacks: Record<string, T> = {}): Promise<Fact<T>> {
  try {
    return { value: await read(), error: null };
  } catch (err) {
    const e = classifyAwsError(err);
    if (Object.hasOwn(fallbacks, e.code)) return { value: fallbacks[e.code], error: null };
    return { value: null, error: { code: e.code, message: e.message } };
  }
}
