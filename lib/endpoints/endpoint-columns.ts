import "server-only";
import type { Prisma } from "@prisma/client";
import { sealEndpointSecret } from "./endpoint-secrets";
import type { TEndpointInput } from "./endpoint-input";

/**
 * The stored columns of a form's input. A secret left blank is omitted (undefined), so an edit
 * keeps the stored one, and so is a CA bundle the form does not show; each ciphertext is bound
 * to its row id.
 */
export function endpointColumns(input: TEndpointInput, id: string) {
  const seal = (v: string | undefined, column: "passwordEnc" | "externalIdEnc") => (v ? sealEndpointSecret(v, id, column) : undefined);
  const common = { kind: input.kind, name: input.name, tls: input.tls, passwordEnc: seal(input.password, "passwordEnc") };
  const columns: Prisma.EndpointUncheckedUpdateInput =
    input.kind === "self-managed"
      ? { ...common, host: input.host, port: input.port, tlsCa: input.tlsCa, username: input.username ?? null, dbCount: input.dbCount }
      : {
          ...common, region: input.region, replicationGroupId: input.replicationGroupId, credentialKind: input.credentialKind,
          profile: input.profile ?? null, roleArn: input.roleArn ?? null, externalIdEnc: seal(input.externalId, "externalIdEnc"),
          awsEndpointUrl: input.awsEndpointUrl ?? null,
        };
  return columns;
}
