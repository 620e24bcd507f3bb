/**
 * Which strategy-specific sections a report carries: a sync timeline only where the target
 * replicated from the source (REPLICAOF or AWS's online migration), the snapshot caveat only for a
 * snapshot, the key-level replicator only for replicate. A section that does not apply is left out
 * (null in the JSON), never shown as a row of dashes.
 */
export function reportSectionsFor(strategy: string): { sync: boolean; snapshot: boolean; replication: boolean } {
  return { sync: strategy !== "snapshot" && strategy !== "replicate", snapshot: strategy === "snapshot", replication: strategy === "replicate" };
}
