import { AppError } from "../../errors";

/** Dangerous intents need the target's name typed back, so a wrong tab cannot cut over the wrong cache. */
export function confirmTargetName(targetName: string, typed: string): void {
  if (typed.trim() !== targetName) throw new AppError("INVALID_INPUT", `Type the target's name exactly ("${targetName}") to confirm.`);
}
