// Runs before every page request: passes the requested path (with query) to server components in a
// request header, so requirePageActor can send a signed-out visitor to /login?next=<that path>.
// Authentication itself happens in the pages and route handlers, against the database.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-studio-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: API routes, Next's assets and public files do not need it, nor share pages (they never
  // ask for sign-in, and are the pages read most: a proxy pass costs each of them a request copy).
  matcher: ["/((?!api/|_next/|share/|favicon|screenshots/|.*\\.(?:png|svg|ico|jpg|css|js)$).*)"],
};
