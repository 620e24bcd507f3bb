import { NextResponse, type NextRequest } from "next/server";

// A fast first gate: no session cookie -> /login. Pages and actions still check the session
// in the database (a cookie's presence proves nothing).
export function proxy(request: NextRequest) {
  if (!request.cookies.has("ferry_session")) {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!login|api/|_next/|favicon.ico|forbidden).*)"],
};
