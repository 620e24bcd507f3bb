import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { findSessionUser, type TSessionUser } from "../auth/sessions";
import { hasRole, type TRole } from "../auth/roles";
import { readSessionCookie } from "./session-cookie";

/** The signed-in operator for this request (read once per request). */
export const getCurrentUser = cache(async (): Promise<TSessionUser | null> => findSessionUser(await readSessionCookie()));

/** For pages: sends a visitor without a session to /login, and one without the role to /forbidden. */
export async function requireUser(role: TRole = "viewer"): Promise<TSessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!hasRole(user.role, role)) redirect("/forbidden");
  return user;
}

export async function clientIp(): Promise<string | undefined> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || undefined;
}
