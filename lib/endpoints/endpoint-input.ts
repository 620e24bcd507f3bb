import { z } from "zod";
import { MAX_NAME, MAX_PASSWORD, ZId } from "../input-bounds";
import { awsEndpointOverrideProblem } from "./aws-endpoint-override";
import { hostProblem } from "./host-problem";
import { caPemProblem, MAX_CA_PEM } from "./ca-pem";

const name = z.string().trim().min(1, "Give it a name.").max(80).regex(/^[\w.@:-]+( [\w.@:-]+)*$/, "Letters, digits, spaces and . _ - @ : only.");
const optionalText = (max: number) => z.string().trim().max(max, `At most ${max} characters.`).optional().transform((v) => v || undefined);
const checkbox = z.union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")]).optional().transform((v) => v === true || v === "on" || v === "true");

/** The private CA a self-managed TLS endpoint is verified against; checked as PEM when parsed. */
const ZTlsCa = optionalText(MAX_CA_PEM).superRefine((v, ctx) => {
  const problem = v ? caPemProblem(v) : undefined;
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** The ElastiCache API endpoint to use instead of AWS's (a VPC endpoint, the lab); checked when parsed. */
const ZAwsEndpointOverride = optionalText(2048).superRefine((v, ctx) => {
  const problem = v ? awsEndpointOverrideProblem(v) : undefined;
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** A profile or role ARN is needed when the credential kind says so. */
export function requireCredentialFields(v: { credentialKind: string; profile?: string; roleArn?: string }, ctx: z.RefinementCtx): void {
  if (v.credentialKind === "profile" && !v.profile) ctx.addIssue({ code: "custom", path: ["profile"], message: "Name the AWS profile." });
  if (v.credentialKind === "assume-role" && !v.roleArn) ctx.addIssue({ code: "custom", path: ["roleArn"], message: "Give the role ARN to assume." });
}

export const ZSelfManagedInput = z.object({
  kind: z.literal("self-managed"),
  name,
  host: z.string().trim().min(1, "Enter a host name or address.").max(255).superRefine((v, ctx) => {
    const problem = hostProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  port: z.coerce.number().int().min(1, "1-65535").max(65535, "1-65535"),
  tls: checkbox,
  tlsCa: ZTlsCa,
  username: optionalText(MAX_NAME),
  password: optionalText(MAX_PASSWORD),
  dbCount: z.coerce.number().int().min(1).max(10_000).default(16),
});

export const ZElastiCacheInput = z.object({
  kind: z.literal("elasticache"),
  name,
  region: z.string().trim().max(32).regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "An AWS region such as us-east-1."),
  replicationGroupId: z.string().trim().min(1, "Pick or enter a replication group id.").max(40),
  credentialKind: z.enum(["default", "profile", "assume-role"]).default("default"),
  profile: optionalText(MAX_NAME),
  roleArn: optionalText(2048).refine((v) => !v || /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(v), "An IAM role ARN."),
  externalId: optionalText(1224),
  awsEndpointUrl: ZAwsEndpointOverride,
  tls: checkbox,
  password: optionalText(MAX_PASSWORD),
}).superRefine(requireCredentialFields);

// The picker sends signed requests too: the same field rules as registering the endpoint.
const { region, credentialKind, profile, roleArn, externalId, awsEndpointUrl } = ZElastiCacheInput.shape;
export const ZReplicationGroupPickerInput = z.object({ region, credentialKind, profile, roleArn, externalId, awsEndpointUrl }).superRefine(requireCredentialFields);

export const ZEndpointInput = z.discriminatedUnion("kind", [ZSelfManagedInput, ZElastiCacheInput]);
export type TEndpointInput = z.infer<typeof ZEndpointInput>;

/**
 * Editing: the same fields plus the row; a secret or CA left blank keeps the stored one, and
 * `removeTlsCa` drops the stored CA (the field is never filled with it, so blank cannot mean that).
 */
export const ZRemoveTlsCa = z.object({ removeTlsCa: checkbox });
export const ZEndpointEdit = z.object({ id: ZId }).and(ZRemoveTlsCa).and(ZEndpointInput);
export type TEndpointEdit = z.infer<typeof ZEndpointEdit>;
