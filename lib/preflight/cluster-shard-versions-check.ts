import type { TClusterFacts } from "./cluster-facts";
import { check, type CheckSide, type PreflightCheck } from "./types";

/** Every primary was read and runs the same version: a shard left on an old version fails alone later. */
export function clusterShardVersionsCheck(side: Exclude<CheckSide, "network">, f: TClusterFacts): PreflightCheck {
  const evidence = f.primaries.map((p) => `${p.label} ${p.error ? `unreadable (${p.error})` : p.version ?? "?"}`).join("; ");
  const unread = f.primaries.filter((p) => p.error);
  const versions = new Set(f.primaries.filter((p) => !p.error).map((p) => p.version));
  const status = unread.length > 0 ? "fail" : versions.size > 1 ? "warn" : "pass";
  return check(`${side}.cluster-versions`, side, `Every ${side} shard is reachable and on one version`, status, evidence,
    "Replication, the copy and verification run on every primary; one unreachable shard stops the migration, and mixed versions mean one shard may refuse what the others accept (RDB version, commands).",
    unread.length > 0 ? `Make ${unread.map((p) => p.label).join(", ")} reachable from Ferry with the same credentials and TLS settings as the node you registered.` : "Upgrade the older shards so every primary runs the same version.");
}
