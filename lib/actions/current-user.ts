import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { findSessionUser, type TSessionUser } from "../auth/sessions";
import { hasRole, type TRole } from "../auth/roles";
import { readSessionCookie } from "./session-cookie";
import { env } from "../env";
import { recordRefusal } from "../auth/record-refusal";
import { clientAddress } from "../net/client-address";
import { PEER_HEADER, readPeerStamp } from "../net/peer-stamp";
import { parseTrustedProxies } from "../net/trusted-proxies";

/** The signed-in operator for this request (read once per request). */
export const getCurrentUser = cache(async (): Promise<TSessionUser | null> => findSessionUser(await readSessionCookie()));

/** For pages: sends a visitor without a session to /login, and one without the role to /forbidden. */
export async function requireUser(role: TRole = "viewer"): Promise<TSessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!hasRole(user.role, role)) {
    await recordRefusal({ user, action: "a page", reason: `it needs the ${role} role`, ip: await clientIp() });
    redirect("/forbidden");
  }
  return user;
}

/** The client's address: the socket's, or what declared proxies say (see lib/net/client-address.ts). */
export async function clientIp(): Promise<string | undefined> {
  const h = await headers();
  const declared = env().FERRY_TRUSTED_PROXIES;
  return clientAddress({
    peer: readPeerStamp(h.get(PEER_HEADER)),
    forwardedFor: h.get("x-forwarded-for"),
    trusted: declared ? parseTrustedProxies(declared) : null,
  });
}
