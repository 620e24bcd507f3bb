// Everything lib/replicate takes from the verification engine, in one place: when the engine
// moves (lib/verify -> lib/verify/engine), only these paths change.
export { compareKeyspaces, parseKeyspaceInfo } from "../verify";
export type { KeyMismatch } from "../verify";
export { compareKeyBatch, type BatchContext } from "../verify/compare-batch";
export { openLink, type VerifyLink } from "../verify/verify-link";
export { redisEndpointToResp } from "../verify/redis-endpoint-to-resp";
