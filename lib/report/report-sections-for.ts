/**
 * Which strategy-specific sections a report carries: a sync timeline only where the target
 * replicated from the source, the snapshot caveat only for a snapshot. A section that does not
 * apply is left out (null in the JSON), never shown as a row of dashes.
 */
export function reportSectionsFor(strategy: string): { sync: boolean; snapshot: boolean } {
  return strategy === "snapshot" ? { sync: false, snapshot: true } : { sync: true, snapshot: false };
}
