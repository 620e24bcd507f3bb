/**
 * Memory per ElastiCache node type in GiB, from the AWS node-type table. An estimate used only
 * when Ferry cannot read the target's own INFO maxmemory; results say so.
 */
const NODE_GIB: Record<string, number> = {
  "cache.t2.micro": 0.555, "cache.t2.small": 1.55, "cache.t2.medium": 3.22,
  "cache.t3.micro": 0.5, "cache.t3.small": 1.37, "cache.t3.medium": 3.09,
  "cache.t4g.micro": 0.5, "cache.t4g.small": 1.37, "cache.t4g.medium": 3.09,
  "cache.m5.large": 6.38, "cache.m5.xlarge": 12.93, "cache.m5.2xlarge": 26.04, "cache.m5.4xlarge": 52.26,
  "cache.m5.12xlarge": 157.12, "cache.m5.24xlarge": 314.32,
  "cache.m6g.large": 6.38, "cache.m6g.xlarge": 12.93, "cache.m6g.2xlarge": 26.04, "cache.m6g.4xlarge": 52.26,
  "cache.m6g.8xlarge": 103.68, "cache.m6g.12xlarge": 157.12, "cache.m6g.16xlarge": 209.55,
  "cache.m7g.large": 6.38, "cache.m7g.xlarge": 12.93, "cache.m7g.2xlarge": 26.04, "cache.m7g.4xlarge": 52.26,
  "cache.m7g.8xlarge": 103.68, "cache.m7g.12xlarge": 157.12, "cache.m7g.16xlarge": 209.55,
  "cache.r5.large": 13.07, "cache.r5.xlarge": 26.32, "cache.r5.2xlarge": 52.82, "cache.r5.4xlarge": 105.81,
  "cache.r5.12xlarge": 317.77, "cache.r5.24xlarge": 635.61,
  "cache.r6g.large": 13.07, "cache.r6g.xlarge": 26.32, "cache.r6g.2xlarge": 52.82, "cache.r6g.4xlarge": 105.81,
  "cache.r6g.8xlarge": 209.55, "cache.r6g.12xlarge": 317.77, "cache.r6g.16xlarge": 419.09,
  "cache.r7g.large": 13.07, "cache.r7g.xlarge": 26.32, "cache.r7g.2xlarge": 52.82, "cache.r7g.4xlarge": 105.81,
  "cache.r7g.8xlarge": 209.55, "cache.r7g.12xlarge": 317.77, "cache.r7g.16xlarge": 419.09,
};

/** Default reserved-memory-percent on ElastiCache parameter groups. */
export const DEFAULT_RESERVED_MEMORY_PERCENT = 25;

/** Usable bytes for the dataset on one node, or null for an unknown node type. */
export function usableNodeBytes(nodeType: string | null | undefined, reservedPercent = DEFAULT_RESERVED_MEMORY_PERCENT): number | null {
  const gib = nodeType ? NODE_GIB[nodeType] : undefined;
  return gib === undefined ? null : Math.floor(gib * 1024 ** 3 * (1 - reservedPercent / 100));
}
