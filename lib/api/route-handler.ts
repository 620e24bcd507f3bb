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
  /** Remembers the first answer to a write sent with an Idempotency-Key (see idempotency-store.ts). */
  idempotency?: TIdempotencyStore;
  /** One line per request (lib/logger.ts); the helper stays free of any logging library. */
  logRequest?: (entry: TRequestLog) => void;
};

export type TRequestLog = { requestId: string; route: string; method: string; status: number; ms: number; user?: string; migrationId?: string };

export type TIdempotencyStore = {
  find: (scope: string, key: string) => Promise<{ status: number; body: string } | null>;
  save: (scope: string, key: string, answer: { status: number; body: string }) => Promise<void>;
};

/** The body of a POST/DELETE is JSON; bounded so no caller can make Ferry buffer megabytes. */
export const MAX_BODY_BYTES = 64 * 1024;
const MAX_IDEMPOTENCY_KEY = 200;

type TRouteContext = { params?: Promise<unknown> };

/**
 * Builds /api route handlers that cannot skip authorization: authenticate, authorize the role,
 * then zod-parse the path params and the query, then call the service. An AppError becomes its
 * HTTP status (http-status.ts) with the one error body; anything else a 500 with a reference.
 * `run` returns a plain value (sent as JSON, not cached) or a Response (downloads).
 */
export function createRouteHandler(deps: TRouteDeps) {
  return function route<P extends z.ZodType, Q extends z.ZodType, R, B extends z.ZodType = z.ZodUndefined>(opts: {
    name: string;
    role: TRole;
    params: P;
    query: Q;
    /** A JSON body, parsed after authorization like the query. */
    body?: B;
    /** Honour an Idempotency-Key header: a retry with the same key gets the first answer again. */
    idempotent?: boolean;
    run: (args: { user: TSessionUser; params: z.output<P>; query: z.output<Q>; body: z.output<B>; request: Request }) => Promise<R | Response>;
  }) {
    return async (request: Request, ctx: TRouteContext): Promise<Response> => {
      const started = Date.now();
      // A caller's own id (bounded, plain) ties its logs to ours; otherwise a fresh one.
      const sent = request.headers.get("x-request-id");
      const requestId = sent && /^[\w.-]{1,64}$/.test(sent) ? sent : crypto.randomUUID();
      let who: string | undefined;
      let migrationId: string | undefined;
      const res = await handle();
      res.headers.set("X-Request-Id", requestId);
      deps.logRequest?.({ requestId, route: opts.name, method: request.method, status: res.status, ms: Date.now() - started, user: who, migrationId });
      return res;

      async function handle(): Promise<Response> {
        try {
          let user: TSessionUser | null = null;
          for (const resolve of deps.resolvers) if ((user = await resolve(request))) break;
          if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
          who = user.email;
          if (!hasRole(user.role, opts.role)) throw new AppError("FORBIDDEN", `This needs the ${opts.role} role; you are ${user.role}.`);
          // A route without dynamic segments gets no params object.
          const params = opts.params.safeParse((await ctx?.params) ?? {});
          // A path param that does not parse names nothing that exists.
          if (!params.success) throw new AppError("NOT_FOUND", "Nothing exists at that address.");
          migrationId = /\/migrations\/([\w-]{1,64})(\/|$)/.exec(new URL(request.url).pathname)?.[1];
          const query = parseInput(opts.query, Object.fromEntries(new URL(request.url).searchParams));
          const body = opts.body ? parseInput(opts.body, await readJson(request)) : undefined;
          const key = opts.idempotent && deps.idempotency ? request.headers.get("idempotency-key") : null;
          if (key !== null && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY)) throw new AppError("INVALID_INPUT", `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY} characters.`);
          // Per caller and per address: the same key from another user or on another migration is a new request.
          const scope = `${user.email}|${opts.name}|${JSON.stringify(params.data)}`;
          const first = key ? await deps.idempotency!.find(scope, key) : null;
          if (first) return new Response(first.body, { status: first.status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", "Idempotent-Replayed": "true" } });
          let res: Response;
          try {
            const out = await opts.run({ user, params: params.data, query, body: body as z.output<B>, request });
            res = out instanceof Response ? out : Response.json(out, { headers: { "Cache-Control": "no-store" } });
          } catch (err) {
            if (!key || !isAppError(err)) throw err;
            res = apiError(err.code, err.message);
          }
          if (key) await deps.idempotency!.save(scope, key, { status: res.status, body: await res.clone().text() });
          return res;
        } catch (err) {
          if (isAppError(err)) return apiError(err.code, err.message);
          const ref = await deps.reportUnexpected(err, opts.name).catch(() => "unrecorded");
          return apiError("INTERNAL", `Something went wrong. Reference: ${ref}.`);
        }
      }
    };
  };
}

function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw new AppError("INVALID_INPUT", r.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; "));
  return r.data;
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError("INVALID_INPUT", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("INVALID_INPUT", "The body is not JSON.");
  }
}
