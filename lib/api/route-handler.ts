import type { z } from "zod";
import { hasRole, type TRole } from "../auth/roles";
import type { TSessionUser } from "../auth/sessions";
import { AppError, isAppError } from "../errors";
import { apiError } from "./http-status";

/** Who is calling: a session today; an API token resolver can be added to the list later. */
export type TApiAuthResolver = (request: Request) => Promise<TSessionUser | null>;

export type TRouteDeps = {
  /** Tried in order; the first that recognises the caller wins. */
  resolvers: TApiAuthResolver[];
  /** Records an unexpected failure and returns a reference the caller can quote. */
  reportUnexpected: (err: unknown, where: string) => Promise<string>;
};

type TRouteContext = { params: Promise<unknown> };

/**
 * Builds /api route handlers that cannot skip authorization: authenticate, authorize the role,
 * then zod-parse the path params and the query, then call the service. An AppError becomes its
 * HTTP status (http-status.ts) with the one error body; anything else a 500 with a reference.
 * `run` returns a plain value (sent as JSON, not cached) or a Response (downloads).
 */
export function createRouteHandler(deps: TRouteDeps) {
  return function route<P extends z.ZodType, Q extends z.ZodType, R>(opts: {
    name: string;
    role: TRole;
    params: P;
    query: Q;
    run: (args: { user: TSessionUser; params: z.output<P>; query: z.output<Q>; request: Request }) => Promise<R | Response>;
  }) {
    return async (request: Request, ctx: TRouteContext): Promise<Response> => {
      try {
        let user: TSessionUser | null = null;
        for (const resolve of deps.resolvers) if ((user = await resolve(request))) break;
        if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
        if (!hasRole(user.role, opts.role)) throw new AppError("FORBIDDEN", `This needs the ${opts.role} role; you are ${user.role}.`);
        const params = opts.params.safeParse(await ctx.params);
        const query = opts.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
        // A path param that does not parse names nothing that exists.
        if (!params.success) throw new AppError("NOT_FOUND", "Nothing exists at that address.");
        if (!query.success) throw new AppError("INVALID_INPUT", query.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; "));
        const out = await opts.run({ user, params: params.data, query: query.data, request });
        return out instanceof Response ? out : Response.json(out, { headers: { "Cache-Control": "no-store" } });
      } catch (err) {
        if (isAppError(err)) return apiError(err.code, err.message);
        const ref = await deps.reportUnexpected(err, opts.name).catch(() => "unrecorded");
        return apiError("INTERNAL", `Something went wrong. Reference: ${ref}.`);
      }
    };
  };
}
