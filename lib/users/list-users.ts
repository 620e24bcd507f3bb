import "server-only";
import { db } from "../db";

export async function listUsers() {
  const users = await db.user.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, email: true, name: true, role: true, createdAt: true, disabledAt: true },
  });
  return users.map(({ disabledAt, ...u }) => ({ ...u, createdAt: u.createdAt.toISOString(), disabled: disabledAt !== null }));
}
