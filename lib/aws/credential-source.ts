import { z } from "zod";

/** Where an ElastiCache endpoint's AWS credentials come from. The external id is a secret. */
export const ZAwsCredentialSource = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("default") }),
  z.object({ kind: z.literal("profile"), profile: z.string().min(1).max(128) }),
  z.object({
    kind: z.literal("assume-role"),
    roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "an IAM role ARN"),
    externalId: z.string().min(2).max(1224).optional(),
  }),
]);

export type TAwsCredentialSource = z.infer<typeof ZAwsCredentialSource>;

export type AwsClientOptions = {
  credentials: TAwsCredentialSource;
  region: string;
  /** Overrides every service endpoint (the lab in tests); else AWS_ENDPOINT_URL[_<SERVICE>]. */
  endpoint?: string;
  /**
   * An endpoint row's override: the ElastiCache API only (a VPC endpoint serves one service, so
   * CloudWatch and S3 keep the server's AWS_ENDPOINT_URL[_<SERVICE>] or AWS's own).
   */
  elastiCacheEndpoint?: string;
  /** STS endpoint for assume-role (VPC endpoints are per service); else AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL. */
  stsEndpoint?: string;
  timeouts?: { connectMs?: number; requestMs?: number };
  /** Total attempts per call including retries (default 3). */
  maxAttempts?: number;
};
