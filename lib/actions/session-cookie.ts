import "server-only";
import { cookies } from "next/headers";
import { env } from "../env";

export const SESSION_COOKIE = "ferry_session";

export async function setSessionCookie(token: string, expires: Date): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    // Browsers treat http://127.0.0.1 and localhost as secure contexts, so Secure works in the demo too.
    secure: env().FERRY_INSECURE_COOKIES !== "1",
    sameSite: "lax",
    path: "/",
    expires,
  });
}

export async function readSessionCookie(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}
