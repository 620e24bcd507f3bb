import "server-only";
import { db } from "../db";
import { AppError, isAppError } from "../errors";
import { getAwsClients } from "../aws/clients";
import { testConnection } from "../redis/test-connection";
import { describeEndpoint, type TRedisEndpoint } from "../redis/endpoint";
import type { TEndpointInput } from "./endpoint-input";
import type { TEndpointCheck } from "./test-endpoint";
import { openEndpointSecret } from "./endpoint-secrets";
import { credentialSourceFrom } from "./credential-source-from";
import { discoverPrimary } from "./aws-endpoint-clients";

/**
 * "Test connection" on the form, before saving: the same probe as a saved endpoint's, nothing
 * stored. When editing (`id`), a secret or CA left blank is the stored one, as saving would keep
 * it, unless `removeTlsCa` says the save would drop the CA.
 */
export async function testEndpointInput(opts: { input: TEndpointInput; id?: string; removeTlsCa?: boolean }): Promise<TEndpointCheck> {
  const started = Date.now();
  const checkedAt = () => new Date().toISOString();
  try {
    const redis = await redisOf(opts.input, opts.id, opts.removeTlsCa);
    return { ...(await testConnection(redis)), checkedAt: checkedAt(), node: describeEndpoint(redis) };
  } catch (err) {
    if (!isAppError(err) || err.code === "NOT_FOUND") throw err;
    return { ok: false, code: err.code, message: err.message, latencyMs: Date.now() - started, checkedAt: checkedAt() };
  }
}

async function redisOf(input: TEndpointInput, id?: string, removeTlsCa?: boolean): Promise<TRedisEndpoint> {
  const stored = id ? await db.endpoint.findUnique({ where: { id }, select: { passwordEnc: true, externalIdEnc: true, tlsCa: true } }) : null;
  if (id && !stored) throw new AppError("NOT_FOUND", "That endpoint does not exist.");
  const password = input.password ?? (stored?.passwordEnc ? openEndpointSecret(stored.passwordEnc, id!, "passwordEnc") : undefined);
  if (input.kind === "self-managed") {
    const tlsCa = input.tlsCa ?? (removeTlsCa ? undefined : (stored?.tlsCa ?? undefined));
    return { host: input.host, port: input.port, tls: input.tls, tlsCa, username: input.username, password };
  }
  const externalId = input.externalId ?? (stored?.externalIdEnc ? openEndpointSecret(stored.externalIdEnc, id!, "externalIdEnc") : undefined);
  const clients = getAwsClients({ credentials: credentialSourceFrom({ ...input, externalId }), region: input.region, elastiCacheEndpoint: input.awsEndpointUrl });
  const { primary } = await discoverPrimary(clients, input.replicationGroupId);
  return { host: primary.host, port: primary.port, tls: input.tls, password };
}
