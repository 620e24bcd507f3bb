import { infoString } from "../redis/info";
import type { RedisFacts } from "./redis-facts";
import { check, type PreflightCheck } from "./types";

/** Copying a server onto itself would "succeed" while proving nothing; run_id names a server process. */
export function sameServerCheck(source: RedisFacts, target: RedisFacts): PreflightCheck {
  const title = "Source and target are different servers";
  const why = "Source and target resolving to the same Redis (another name or address for it) would copy every key onto itself and verify as identical.";
  const fix = "Point the target at a different server.";
  const src = infoString(source.info, "run_id");
  const tgt = infoString(target.info, "run_id");
  if (!src || !tgt) return check("pairing.same-server", "target", title, "unknown", "INFO does not report run_id on both ends.", why, fix);
  return src === tgt
    ? check("pairing.same-server", "target", title, "fail", `${source.where} and ${target.where} report the same run_id ${src}.`, why, fix)
    : check("pairing.same-server", "target", title, "pass", `run_id differs (source ${src.slice(0, 8)}…, target ${tgt.slice(0, 8)}…).`, why);
}

/** Active-Active databases refuse RESTORE; that is a slower path, not a blocker. */
export function restoreAvailableCheck(target: RedisFacts): PreflightCheck {
  const title = "Target accepts RESTORE";
  const why = "RESTORE copies a key in one command; where it is refused (Redis Enterprise Active-Active, renamed) Ferry writes each key with type commands into a temporary key renamed into place.";
  const fix = "Nothing to do: type-level copy will be used (slower, same result).";
  if (target.commands.value === null) return check("target.restore", "target", title, "unknown", `COMMAND INFO failed: ${target.commands.error}`, why, fix);
  return target.commands.value.restore === "missing"
    ? check("target.restore", "target", title, "warn", "COMMAND INFO does not know RESTORE (refused or renamed): type-level copy will be used.", why, fix)
    : check("target.restore", "target", title, "pass", "COMMAND INFO knows RESTORE.", why);
}
