/** The four ways Ferry moves data, what each needs of its ends, and how it is explained. */
export const STRATEGIES = {
  online: {
    label: "ElastiCache online migration",
    summary: "TestMigration, StartMigration, watch the sync, CompleteMigration. The ElastiCache primary replicates from your self-managed Redis until you cut over.",
    source: ["self-managed"],
    target: ["elasticache"],
  },
  replicaof: {
    label: "REPLICAOF between self-managed hosts",
    summary: "The target replicates from the source with REPLICAOF until you cut over with REPLICAOF NO ONE.",
    source: ["self-managed"],
    target: ["self-managed"],
  },
  snapshot: {
    label: "Snapshot through S3",
    summary: "An RDB of the source (streamed or exported to S3) seeds a new ElastiCache group. Writes after the snapshot moment are not migrated.",
    source: ["self-managed", "elasticache"],
    target: ["elasticache"],
  },
  "serverless-online": {
    label: "Online migration into ElastiCache Serverless",
    summary: "PrepareMigration, point your applications at the migration endpoint, StartMigration, watch the sync, cut over (manual behind Ferry's gate, or automatic). Zero downtime for clients on the endpoint.",
    source: ["self-managed"],
    target: ["elasticache"],
  },
  replicate: {
    label: "Key-level live replication",
    summary: "SCAN + DUMP/RESTORE plus keyspace notifications, for targets that cannot replicate from the source (e.g. out of ElastiCache).",
    source: ["self-managed", "elasticache"],
    target: ["self-managed", "elasticache"],
  },
} as const;

export type TStrategy = keyof typeof STRATEGIES;
export const STRATEGY_IDS = Object.keys(STRATEGIES) as TStrategy[];

/** Why a pair of endpoints cannot use a strategy, or null when it can. */
export function strategyMismatch(strategy: TStrategy, sourceKind: string, targetKind: string): string | null {
  const s = STRATEGIES[strategy];
  if (!(s.source as readonly string[]).includes(sourceKind)) return `${s.label} needs a ${s.source.join(" or ")} source; this source is ${sourceKind}.`;
  if (!(s.target as readonly string[]).includes(targetKind)) return `${s.label} needs a ${s.target.join(" or ")} target; this target is ${targetKind}.`;
  return null;
}
