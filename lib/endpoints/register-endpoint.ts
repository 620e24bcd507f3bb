import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { encryptSecret } from "../crypto/secrets";
import { secretKey } from "../secret-key";
import type { TSessionUser } from "../auth/sessions";
import type { TEndpointInput } from "./endpoint-input";
import { toEndpointView, type TEndpointView } from "./endpoint-view";

export async function registerEndpoint(opts: { actor: TSessionUser; input: TEndpointInput }): Promise<TEndpointView> {
  const { input } = opts;
  if (await db.endpoint.findUnique({ where: { name: input.name }, select: { id: true } })) {
    throw new AppError("CONFLICT", `An endpoint named "${input.name}" already exists.`);
  }
  const seal = (v: string | undefined) => (v ? encryptSecret(v, secretKey()) : null);
  const row = await db.endpoint.create({
    data:
      input.kind === "self-managed"
        ? {
            kind: input.kind, name: input.name, host: input.host, port: input.port, tls: input.tls, tlsCa: input.tlsCa,
            username: input.username, passwordEnc: seal(input.password), dbCount: input.dbCount, createdById: opts.actor.id,
          }
        : {
            kind: input.kind, name: input.name, region: input.region, replicationGroupId: input.replicationGroupId,
            credentialKind: input.credentialKind, profile: input.profile, roleArn: input.roleArn,
            externalIdEnc: seal(input.externalId), awsEndpointUrl: input.awsEndpointUrl, tls: input.tls,
            passwordEnc: seal(input.password), createdById: opts.actor.id,
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
