import type { AppError } from "../errors";
import { allowListRefusal } from "../redis/allow-list-refusal";
import { TARGET_COMMAND_ALLOW_LIST } from "./target-allow-list";

/** Why `name args` may not be sent to a target by the replicator, or null when it may. */
export function targetWriteRefusal(name: string, args: readonly unknown[] = []): AppError | null {
  return allowListRefusal({ allowList: TARGET_COMMAND_ALLOW_LIST, name, args, refusedTo: "the target: the replicator only writes keys" });
}
