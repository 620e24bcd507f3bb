import "server-only";
import { db } from "../db";
import type { TSessionUser } from "../auth/sessions";

/** Everyone picks the zone their screens show times in; it changes nothing anyone else sees. */
export async function setOwnTimeZone(opts: { actor: TSessionUser; timeZone: string }): Promise<{ timeZone: string }> {
  await db.user.update({ where: { id: opts.actor.id }, data: { timeZone: opts.timeZone } });
  return { timeZone: opts.timeZone };
}
