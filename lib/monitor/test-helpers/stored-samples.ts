import { db } from "../../db";

/** The filters the tests use, spelled so that both tables' where-inputs accept them. */
type TSampleFilter = {
  migrationId: string | { in: string[] };
  at?: { gte: Date } | { gt: Date };
  srcUp?: boolean;
  tgtUp?: boolean;
  shards?: { not: null };
  repl?: { not: null };
};

/**
 * Every stored sample matching the filter, oldest first, from both tables: a tick's rows lie in
 * SampleHot until the sampler settles them into Sample (settle-samples.ts), as the view SampleAll
 * shows the product.
 */
export async function storedSamples(where: TSampleFilter) {
  const [settled, hot] = await Promise.all([db.sample.findMany({ where, omit: { id: true } }), db.sampleHot.findMany({ where })]);
  return [...settled, ...hot].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The latest stored sample matching the filter, or undefined. */
export async function latestStoredSample(where: TSampleFilter) {
  return (await storedSamples(where)).at(-1);
}
