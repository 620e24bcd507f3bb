import "server-only";
import { canonicalUserFor } from "../../preflight/snapshot-checks";
import { grantCanonicalUser } from "../../snapshot/grant-read";
import type { TStepDef } from "../types";
import { snapshotContext, stepDetail } from "./snapshot-context";

/** Where the seed RDBs are: the stream's upload, or the cross-account copies (or the export itself, one account). */
export async function seedKeysOf(migrationId: string, fromElastiCache: boolean): Promise<string[]> {
  return ((await stepDetail(migrationId, fromElastiCache ? "copy" : "snapshot")).seedKeys as string[] | undefined) ?? [];
}

/** ElastiCache reads seed RDBs as its canonical user: READ on each object, existing grants kept. */
export const snapshotGrant: TStepDef = {
  name: "grant",
  label: "Grant ElastiCache read on the RDB files",
  async run(ctx) {
    const s = snapshotContext(ctx);
    const { s3, region } = s.targetAws();
    const bucket = s.sameBucket ? s.options.exportBucket! : s.options.importBucket;
    const keys = await seedKeysOf(ctx.migration.id, s.fromElastiCache);
    const granteeId = canonicalUserFor(region);
    const added: string[] = [];
    await ctx.assertLease();
    for (const key of keys) {
      const g = await grantCanonicalUser({ s3, target: { bucket, key }, granteeId, permissions: ["READ"], side: "target", track: s.track });
      if (g.added.length) added.push(key);
    }
    if (added.length) await ctx.event("aws.object_grant", `Granted ElastiCache READ on ${added.length} RDB file(s) in ${bucket}.`, { keys: added });
    return { status: "done", detail: { bucket, seedKeys: keys, granted: added.length } };
  },
};
