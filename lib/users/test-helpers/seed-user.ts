import { db } from "../../db";
import type { TRole } from "../../auth/roles";
import type { TSessionUser } from "../../auth/sessions";

let n = 0;

/** The one seeder of users for tests: a row the services accept as an actor (it cannot sign in). */
export async function seedUser(opts: { role?: TRole; email?: string; id?: string } = {}): Promise<TSessionUser> {
  const email = opts.email ?? `op${++n}@example.com`;
  const u = await db.user.create({ data: { id: opts.id, email, name: email, role: opts.role ?? "operator", passwordHash: "unused" } });
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}
