import "server-only";
import { AppError } from "../../errors";
import { prepareMigration } from "../../aws/serverless-migration-query";
import { serverlessCacheEvents } from "../../serverless/serverless-events";
import { sendOnce, sentEarlierWithoutRetry } from "../write-ahead";
import type { TStepDef } from "../types";
import { cacheName, readCache, serverlessOptions, targetClients } from "./serverless-world";

/**
 * PrepareMigration at most once. A MigrationSummary on the cache means an earlier call landed (or
 * a stopped migration waits for a restart): nothing is sent. AWS validates after accepting; a
 * failure rolls back and posts an event, which this step shows as the reason.
 */
export const serverlessPrepare: TStepDef = {
  name: "prepare",
  label: "PrepareMigration",
  async run(ctx) {
    const name = cacheName(ctx);
    const cache = await readCache(ctx);
    const status = cache.migration?.status;
    if (status && /^prepar/i.test(status) && !/prepared/i.test(status)) return { status: "waiting", note: `AWS is validating the source (${status}).` };
    if (status) return { status: "done", detail: { migrationStatus: status, migrationEndpoint: cache.migration?.endpoint ?? cache.endpoint } };
    if (cache.status !== "available") return { status: "waiting", note: `The cache is ${cache.status}; waiting for available.` };
    if (sentEarlierWithoutRetry(ctx.detail)) {
      const events = await serverlessCacheEvents(await targetClients(ctx), name, new Date(String(ctx.detail.sentAt)));
      const why = events.find((e) => /fail|roll/i.test(e.message))?.message ?? "no MigrationSummary and no event explaining why (see the cache's events)";
      throw new AppError("AWS_ERROR", `PrepareMigration of ${name} did not hold: ${why}. Fix it, re-run pre-flight if needed, then Retry.`, { awsCode: "PrepareMigrationRolledBack" });
    }
    const o = serverlessOptions(ctx);
    const clients = await targetClients(ctx);
    const out = await sendOnce(ctx, {
      call: "PrepareMigration",
      send: () => prepareMigration(clients, {
        name,
        source: { host: ctx.migration.source.host!, port: ctx.migration.source.port! },
        secretArn: o.secretArn,
        tls: { mode: o.tlsMode, certificate: o.tlsCertificate },
      }),
    });
    await ctx.event("aws.prepare_migration", `PrepareMigration sent for ${name} (source ${ctx.migration.source.host}:${ctx.migration.source.port}, TLS ${o.tlsMode}${o.secretArn ? ", AUTH from a Secrets Manager secret" : ""}).`, { requestId: out.requestId });
    return { status: "waiting", detail: { requestId: out.requestId }, note: "AWS is validating the source." };
  },
};
