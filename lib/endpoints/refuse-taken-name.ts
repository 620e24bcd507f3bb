import "server-only";
import { db } from "../db";
import { AppError } from "../errors";

/** Names are unique; the refusal names the field so the form can mark it. */
export async function refuseTakenName(name: string, exceptId?: string): Promise<void> {
  const taken = await db.endpoint.findUnique({ where: { name }, select: { id: true } });
  if (taken && taken.id !== exceptId) {
    throw new AppError("CONFLICT", `An endpoint named "${name}" already exists.`, { field: "name" });
  }
}
