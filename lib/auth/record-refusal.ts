import "server-only";
import { recordEvent } from "../events/record-event";
import type { TSessionUser } from "./sessions";

/** A refused attempt (FORBIDDEN) as an audit event: who tried what, from where, and why it was refused. */
export function recordRefusal(opts: { user: TSessionUser; action: string; reason: string; ip?: string }): Promise<string> {
  return recordEvent({
    type: "auth.forbidden",
    level: "warn",
    actor: opts.user,
    ip: opts.ip,
    message: `${opts.user.email} was refused ${opts.action}: ${opts.reason}`,
    data: { action: opts.action },
  });
}
