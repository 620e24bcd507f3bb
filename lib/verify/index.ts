// The verification engine's public surface; runner steps and the report import from here.
export { compareKeyspaces } from "./compare-keyspaces";
export { ZVerifyCheckpoint, type VerifyCheckpoint } from "./checkpoint";
export { displayKey } from "./key-display";
export { parseKeyspaceInfo } from "./keyspace-counts";
export type * from "./types";
