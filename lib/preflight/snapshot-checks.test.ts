import type { Grant } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import type { BucketFacts } from "../aws/s3-bucket-facts";
import { bucketChecks, ELASTICACHE_CANONICAL_USER, ELASTICACHE_CANONICAL_USER_GOVCLOUD, elastiCacheSnapshotSourceChecks } from "./snapshot-checks";
import { byId, ecFacts, goodReplicationGroup } from "./test-helpers/facts";

const grant = (id: string, permission: Grant["Permission"]): Grant => ({ Grantee: { Type: "CanonicalUser", ID: id }, Permission: permission });
const ok = <T>(value: T) => ({ value, error: null });
function facts(over: Partial<BucketFacts> = {}): BucketFacts {
  return {
    bucket: "ferry-exports",
    exists: ok(true),
    region: ok("eu-west-1"),
    objectOwnership: ok("BucketOwnerPreferred"),
    grants: ok(["READ", "WRITE", "READ_ACP"].map((p) => grant(ELASTICACHE_CANONICAL_USER, p as Grant["Permission"]))),
    ...over,
  };
}

describe("snapshot bucket checks", () => {
  it("passes a correctly prepared export bucket", () => {
    expect(bucketChecks(facts(), "eu-west-1", "export").map((c) => [c.id, c.status])).toEqual([
      ["target.bucket-exists", "pass"], ["target.bucket-region", "pass"], ["target.bucket-ownership", "pass"], ["target.bucket-grants", "pass"],
    ]);
  });

  it("fails BucketOwnerEnforced (the most common failure) with the exact fix", () => {
    const c = byId(bucketChecks(facts({ objectOwnership: ok("BucketOwnerEnforced") }), "eu-west-1", "export"), "target.bucket-ownership");
    expect(c).toMatchObject({ status: "fail", evidence: "ObjectOwnership is BucketOwnerEnforced." });
    expect(c.fix).toContain("ObjectOwnership=BucketOwnerPreferred");
  });

  it("fails a bucket in another region and a missing bucket", () => {
    expect(byId(bucketChecks(facts({ region: ok("us-west-2") }), "eu-west-1", "export"), "target.bucket-region"))
      .toMatchObject({ status: "fail", evidence: "Bucket region us-west-2, ElastiCache region eu-west-1." });
    const missing = bucketChecks(facts({ exists: ok(false) }), "eu-west-1", "export");
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ status: "fail", fix: expect.stringContaining("create-bucket") });
  });

  it("names the missing canonical-user grants; GovCloud uses its own id; opt-in regions need a policy", () => {
    const partial = byId(bucketChecks(facts({ grants: ok([grant(ELASTICACHE_CANONICAL_USER, "READ")]) }), "eu-west-1", "export"), "target.bucket-grants");
    expect(partial.status).toBe("fail");
    expect(partial.evidence).toMatch(/holds READ on ferry-exports; export needs READ, WRITE, READ_ACP/);
    expect(partial.fix).toContain(`--grant-write id=${ELASTICACHE_CANONICAL_USER}`);
    const gov = byId(bucketChecks(facts({ region: ok("us-gov-west-1") }), "us-gov-west-1", "export"), "target.bucket-grants");
    expect(gov.status).toBe("fail");
    expect(gov.fix).toContain(ELASTICACHE_CANONICAL_USER_GOVCLOUD);
    const optIn = byId(bucketChecks(facts({ region: ok("af-south-1") }), "af-south-1", "export"), "target.bucket-grants");
    expect(optIn).toMatchObject({ status: "warn", fix: expect.stringContaining("af-south-1.elasticache-snapshot.amazonaws.com") });
  });

  it("reports unknown, not pass, when S3 refuses to tell", () => {
    const denied = { value: null, error: { code: "AWS_ACCESS_DENIED", message: "AWS refused the request (AccessDenied)." } };
    const checks = bucketChecks(facts({ objectOwnership: denied, grants: denied }), "eu-west-1", "export");
    expect(byId(checks, "target.bucket-ownership").status).toBe("unknown");
    expect(byId(checks, "target.bucket-grants").status).toBe("unknown");
  });
});

describe("ElastiCache snapshot source checks", () => {
  it("fails cache.t1.micro only, and data-tiered export", () => {
    expect(byId(elastiCacheSnapshotSourceChecks(ecFacts(goodReplicationGroup({ CacheNodeType: "cache.t1.micro" })), true), "source.node-type-snapshot").status).toBe("fail");
    expect(byId(elastiCacheSnapshotSourceChecks(ecFacts(goodReplicationGroup({ CacheNodeType: "cache.t3.micro" })), true), "source.node-type-snapshot").status).toBe("pass");
    expect(byId(elastiCacheSnapshotSourceChecks(ecFacts(goodReplicationGroup({ DataTiering: "enabled" })), true), "source.data-tiering-export").status).toBe("fail");
  });
});
