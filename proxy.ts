import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "./lib/net/security-headers";

// Paths a visitor without a session may open.
const OPEN = /^\/(login|api\/|forbidden|icon\.svg|metrics$)/;

// Every page gets a fresh script nonce and the policy naming it. Also a fast first gate: no
// session cookie -> /login. Pages and actions still check the session in the database (a
// cookie's presence proves nothing).
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  let response: NextResponse;
  if (!OPEN.test(request.nextUrl.pathname) && !request.cookies.has("ferry_session")) {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    response = NextResponse.redirect(url);
  } else {
    const headers = new Headers(request.headers);
    headers.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Static files carry no scripts to allow; they get the static headers from next.config.js.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
