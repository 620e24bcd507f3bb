import "server-only";
import { createHash } from "node:crypto";
import type { AppError } from "../errors";
import { allowListRefusal } from "./allow-list-refusal";
import { READ_ONLY_SCRIPT_SHAS, SOURCE_COMMAND_ALLOW_LIST } from "./read-only-allow-list";

// Apart from read-only.ts (the ioredis guard) so that Ferry's own RESP links check the same list
// without loading ioredis.

/** Why `name args` may not run on a source, or null when it may. */
export function readOnlyRefusal(name: string, args: readonly unknown[] = []): AppError | null {
  const command = String(name).toLowerCase();
  // EVAL_RO carries the script itself: admitted only when its SHA1 is one of Ferry's read scripts.
  if (command === "eval_ro" && args.length > 0 && READ_ONLY_SCRIPT_SHAS.has(createHash("sha1").update(scriptBody(args[0])).digest("hex"))) return null;
  return allowListRefusal({ allowList: SOURCE_COMMAND_ALLOW_LIST, name, args, refusedTo: "the source: source connections are read-only" });
}

function scriptBody(arg: unknown): Buffer | string {
  return Buffer.isBuffer(arg) ? arg : String(arg);
}
