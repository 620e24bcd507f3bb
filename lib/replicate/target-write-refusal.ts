import { AppError } from "../errors";
import { TARGET_COMMAND_ALLOW_LIST } from "./target-allow-list";

/** Why `name args` may not be sent to a target by the replicator, or null when it may. */
export function targetWriteRefusal(name: string, args: readonly unknown[] = []): AppError | null {
  const command = String(name).toLowerCase();
  const rule = Object.hasOwn(TARGET_COMMAND_ALLOW_LIST, command) ? TARGET_COMMAND_ALLOW_LIST[command] : undefined;
  if (rule === true) return null;
  const sub = args.length > 0 ? String(args[0]).toLowerCase() : "";
  if (rule && rule.has(sub)) return null;
  const label = (rule ? `${command} ${sub}`.trim() : command).toUpperCase();
  return new AppError("REDIS_READ_ONLY_GUARD", `Ferry refused to send ${label} to the target: the replicator only writes keys.`, { command: label });
}
