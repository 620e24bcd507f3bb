import "../../test/use-test-db";
import { afterEach, describe, expect, it } from "vitest";
import { awsEndpointOverrideProblem } from "./aws-endpoint-override";
import { ZEndpointInput, ZReplicationGroupPickerInput } from "./endpoint-input";
import { awsClientsFor } from "./aws-endpoint-clients";
import { resetAwsClients } from "../aws/clients";

const row = { id: "ep-1", credentialKind: "default", profile: null, roleArn: null, externalIdEnc: null, region: "eu-west-1" };
const VPCE = "https://vpce-0abc.elasticache.eu-west-1.vpce.amazonaws.com";

afterEach(() => resetAwsClients());

describe("an endpoint's AWS endpoint override", () => {
  it("takes only https:// unless the server allows plain HTTP", () => {
    expect(awsEndpointOverrideProblem("http://127.0.0.1:4566", false)).toMatch(/Only https/);
    expect(awsEndpointOverrideProblem("http://127.0.0.1:4566", true)).toBeUndefined();
    expect(awsEndpointOverrideProblem(VPCE, false)).toBeUndefined();
    expect(awsEndpointOverrideProblem("file:///etc/passwd", true)).toMatch(/Only https/);
    expect(awsEndpointOverrideProblem("https://user:pw@example.com", false)).toMatch(/no credentials/);
  });

  it("is refused in the form when the scheme is not allowed", () => {
    const base = { kind: "elasticache", name: "ec", region: "eu-west-1", replicationGroupId: "g" };
    const bad = ZEndpointInput.safeParse({ ...base, awsEndpointUrl: "gopher://x" });
    expect(bad.error?.issues.map((i) => i.path[0])).toEqual(["awsEndpointUrl"]);
    expect(ZEndpointInput.safeParse({ ...base, awsEndpointUrl: VPCE }).success).toBe(true);
  });

  it("applies to the ElastiCache API only: CloudWatch and S3 keep the server's endpoints", async () => {
    const saved = process.env.AWS_ENDPOINT_URL;
    delete process.env.AWS_ENDPOINT_URL;
    try {
      const clients = awsClientsFor({ ...row, awsEndpointUrl: VPCE });
      const host = async (c: { config: { endpoint?: () => Promise<{ hostname: string }> } }) => (c.config.endpoint ? (await c.config.endpoint()).hostname : "aws-default");
      expect(await host(clients.elasticache)).toBe(new URL(VPCE).hostname);
      expect(await host(clients.cloudwatch)).toBe("aws-default");
      expect(await host(clients.s3)).toBe("aws-default");
    } finally {
      if (saved !== undefined) process.env.AWS_ENDPOINT_URL = saved;
    }
  });
});

describe("the replication-group picker", () => {
  it("validates its input like the endpoint form", () => {
    const ok = { region: "eu-west-1", credentialKind: "default" };
    expect(ZReplicationGroupPickerInput.safeParse(ok).success).toBe(true);
    const paths = (v: Record<string, unknown>) => ZReplicationGroupPickerInput.safeParse({ ...ok, ...v }).error?.issues.map((i) => i.path[0]);
    expect(paths({ awsEndpointUrl: "ftp://x" })).toEqual(["awsEndpointUrl"]);
    expect(paths({ credentialKind: "profile", profile: "p".repeat(10_000) })).toEqual(["profile"]);
    expect(paths({ credentialKind: "assume-role", roleArn: "not-an-arn" })).toEqual(["roleArn"]);
    expect(paths({ region: "r".repeat(100_000) })).toContain("region");
  });
});
