// The replication engine's public surface (lib/flows imports from here).
export { createReplicator } from "./create-replicator";
export { openReplicatorForEnds } from "./cluster/open-replicator-for-ends";
export { emptyTarget } from "./empty-target";
export { HEALTH_INTERVAL_MS } from "./source-health";
export * from "./types";
