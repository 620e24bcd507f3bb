import crypto from "node:crypto";
import { startRedis, type RedisProcess } from "../redis-process";
import type { LabContext } from "../context";
import { NODE_ARGS } from "./group-nodes";
import { elastiCacheNodeArgs } from "./refused-commands";

/**
 * What serverless refuses beyond node-based clusters (REFERENCE.md section 8), renamed to names
 * nobody knows so clients get `ERR unknown command`. The lab itself never needs them.
 */
const SERVERLESS_RENAMED = ["KEYS", "MONITOR", "PSUBSCRIBE", "OBJECT", "MEMORY", "SLOWLOG", "LATENCY", "SWAPDB", "FUNCTION", "FCALL", "FCALL_RO"];
/**
 * CLIENT is refused by subcommand (ACL, clients see NOPERM) rather than renamed: every client
 * library names its connections with CLIENT SETNAME, which keeps working.
 */
const CLIENT_DENIED = ["-client|list", "-client|kill", "-client|pause", "-client|unpause", "-client|info", "-client|tracking", "-client|no-evict", "-client|reply", "-client|unblock", "-client|caching"];

const hidden = crypto.randomBytes(12).toString("hex");

export function serverlessNodeArgs(): string[] {
  const renames = SERVERLESS_RENAMED.flatMap((c) => ["--rename-command", c, `lab-${hidden}-${c.toLowerCase()}`]);
  const args = elastiCacheNodeArgs("primary");
  // A user may be declared once: the CLIENT rules join the default user's declaration, which
  // ends where the next --user begins.
  const nextUser = args.indexOf("--user", args.indexOf("default") + 1);
  return [...NODE_ARGS, ...args.slice(0, nextUser), ...CLIENT_DENIED, ...args.slice(nextUser), ...renames];
}

export function startServerlessNode(ctx: LabContext, name: string): Promise<RedisProcess> {
  return startRedis({ name: `serverless-${name}`, baseDir: `${ctx.dir}/nodes`, args: serverlessNodeArgs() });
}
