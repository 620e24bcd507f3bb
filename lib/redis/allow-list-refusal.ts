import { AppError } from "../errors";

export type TCommandAllowList = Readonly<Record<string, true | ReadonlySet<string>>>;

export type TAllowListRefusalOptions = {
  allowList: TCommandAllowList;
  name: string;
  args?: readonly unknown[];
  /** Completes "Ferry refused to send X to ...": who the command was meant for and why it may not go. */
  refusedTo: string;
};

/**
 * Why `name args` is outside `allowList`, or null when it is inside. A command maps to `true`
 * (any form) or to its allowed subcommands; anything absent is refused, prototype names included.
 */
export function allowListRefusal({ allowList, name, args = [], refusedTo }: TAllowListRefusalOptions): AppError | null {
  const command = String(name).toLowerCase();
  const rule = Object.hasOwn(allowList, command) ? allowList[command] : undefined;
  if (rule === true) return null;
  const sub = args.length > 0 ? String(args[0]).toLowerCase() : "";
  if (rule && rule.has(sub)) return null;
  const label = (rule ? `${command} ${sub}`.trim() : command).toUpperCase();
  return new AppError("REDIS_READ_ONLY_GUARD", `Ferry refused to send ${label} to ${refusedTo}.`, { command: label });
}
