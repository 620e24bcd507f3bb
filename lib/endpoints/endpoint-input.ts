import { z } from "zod";

const name = z.string().trim().min(1, "Give it a name.").max(80).regex(/^[\w.@:-]+( [\w.@:-]+)*$/, "Letters, digits, spaces and . _ - @ : only.");
const optionalText = z.string().trim().max(4096).optional().transform((v) => v || undefined);
const checkbox = z.union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")]).optional().transform((v) => v === true || v === "on" || v === "true");

export const ZSelfManagedInput = z.object({
  kind: z.literal("self-managed"),
  name,
  host: z.string().trim().min(1, "Enter a host name or address.").max(255),
  port: z.coerce.number().int().min(1, "1-65535").max(65535, "1-65535"),
  tls: checkbox,
  tlsCa: optionalText,
  username: optionalText,
  password: optionalText,
  dbCount: z.coerce.number().int().min(1).max(10_000).default(16),
});

export const ZElastiCacheInput = z.object({
  kind: z.literal("elasticache"),
  name,
  region: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "An AWS region such as us-east-1."),
  replicationGroupId: z.string().trim().min(1, "Pick or enter a replication group id.").max(40),
  credentialKind: z.enum(["default", "profile", "assume-role"]).default("default"),
  profile: optionalText,
  roleArn: optionalText.refine((v) => !v || /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(v), "An IAM role ARN."),
  externalId: optionalText,
  awsEndpointUrl: optionalText.refine((v) => !v || /^https?:\/\/.+/.test(v), "A URL such as http://127.0.0.1:4566."),
  tls: checkbox,
  password: optionalText,
}).superRefine((v, ctx) => {
  if (v.credentialKind === "profile" && !v.profile) ctx.addIssue({ code: "custom", path: ["profile"], message: "Name the AWS profile." });
  if (v.credentialKind === "assume-role" && !v.roleArn) ctx.addIssue({ code: "custom", path: ["roleArn"], message: "Give the role ARN to assume." });
});

export const ZEndpointInput = z.discriminatedUnion("kind", [ZSelfManagedInput, ZElastiCacheInput]);
export type TEndpointInput = z.infer<typeof ZEndpointInput>;
