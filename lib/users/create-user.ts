import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { hashPassword } from "../auth/password";
import type { TRole } from "../auth/roles";
import type { TSessionUser } from "../auth/sessions";

export async function createUser(opts: {
  actor: TSessionUser | null;
  email: string;
  name: string;
  role: TRole;
  password: string;
}): Promise<{ id: string; email: string; role: string }> {
  const email = opts.email.trim().toLowerCase();
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new AppError("CONFLICT", `A user with the email ${email} already exists.`);
  }
  const user = await db.user.create({
    data: { email, name: opts.name.trim(), role: opts.role, passwordHash: await hashPassword(opts.password) },
    select: { id: true, email: true, role: true },
  });
  await recordEvent({
    type: "user.created",
    actor: opts.actor,
    message: `${opts.actor?.email ?? "system"} added ${email} as ${opts.role}`,
    data: { userId: user.id, role: opts.role },
  });
  return user;
}
