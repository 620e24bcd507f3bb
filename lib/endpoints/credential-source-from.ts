import type { TAwsCredentialSource } from "../aws/clients";

/** The flat credential fields of a form or an Endpoint row as the SDK layer's credential source. */
export function credentialSourceFrom(f: { credentialKind?: string | null; profile?: string | null; roleArn?: string | null; externalId?: string }): TAwsCredentialSource {
  if (f.credentialKind === "profile") return { kind: "profile", profile: f.profile || "default" };
  if (f.credentialKind === "assume-role") return { kind: "assume-role", roleArn: f.roleArn ?? "", externalId: f.externalId };
  return { kind: "default" };
}
