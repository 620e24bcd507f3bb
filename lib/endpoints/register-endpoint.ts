import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { sealEndpointSecret } from "./endpoint-secrets";
import type { TSessionUser } from "../auth/sessions";
import type { TEndpointInput } from "./endpoint-input";
import { toEndpointView, type TEndpointView } from "./endpoint-view";

export async function registerEndpoint(opts: { actor: TSessionUser; input: TEndpointInput }): Promise<TEndpointView> {
  const { input } = opts;
  if (await db.endpoint.findUnique({ where: { name: input.name }, select: { id: true } })) {
    throw new AppError("CONFLICT", `An endpoint named "${input.name}" already exists.`);
  }
  // The id is chosen here because each ciphertext is bound to its row.
  const id = randomUUID();
  const seal = (v: string | undefined, column: "passwordEnc" | "externalIdEnc") => (v ? sealEndpointSecret(v, id, column) : null);
  const row = await db.endpoint.create({
    data:
      input.kind === "self-managed"
        ? {
            id, kind: input.kind, name: input.name, host: input.host, port: input.port, tls: input.tls, tlsCa: input.tlsCa,
            username: input.username, passwordEnc: seal(input.password, "passwordEnc"), dbCount: input.dbCount, createdById: opts.actor.id,
          }
        : {
            id, kind: input.kind, name: input.name, region: input.region, replicationGroupId: input.replicationGroupId,
            credentialKind: input.credentialKind, profile: input.profile, roleArn: input.roleArn,
            externalIdEnc: seal(input.externalId, "externalIdEnc"), awsEndpointUrl: input.awsEndpointUrl, tls: input.tls,
            passwordEnc: seal(input.password, "passwordEnc"), createdById: opts.actor.id,
          },
  });
  const view = toEndpointView(row);
  await recordEvent({
    type: "endpoint.registered",
    actor: opts.actor,
    message: `${opts.actor.email} registered ${view.kind} endpoint ${view.name} (${view.address})`,
    data: { endpointId: row.id },
  });
  return view;
}
