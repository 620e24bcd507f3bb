// Everything lib/replicate takes from the verification engine, in one place.
export { compareKeyspaces } from "../verify/engine/compare-keyspaces";
export { parseKeyspaceInfo } from "../verify/engine/keyspace-counts";
export type { KeyMismatch } from "../verify/engine/key-status";
export { compareKeyBatch } from "../verify/engine/compare-batch";
export type { BatchContext } from "../verify/engine/batch-context";
export { openLink, type VerifyLink } from "../verify/engine/verify-link";
export { redisEndpointToResp } from "../verify/engine/redis-endpoint-to-resp";
export { PerKeyBatch, isError } from "../verify/engine/verify-link";
export { parseRegion, type RespReply } from "../verify/engine/resp-parser";
export { ByteBudget } from "../verify/engine/byte-budget";
export { digits, writeDigits } from "../verify/engine/resp-encode";
