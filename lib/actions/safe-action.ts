import type { z } from "zod";
import { AppError, isAppError, type ErrorCode } from "../errors";
import { hasRole, type TRole } from "../auth/roles";
import type { TSessionUser } from "../auth/sessions";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | "INTERNAL"; message: string; fieldErrors?: Record<string, string> };

export type ActionContext = { user: TSessionUser | null; ip?: string };

export type ActionDeps = {
  /** Reads the session (cookie) and client address of the current request. */
  getContext: () => Promise<ActionContext>;
  /** Records an unexpected failure and returns a reference the operator can quote. */
  reportUnexpected: (err: unknown, where: string) => Promise<string>;
  /** Records a refused attempt (FORBIDDEN) in the audit log. */
  recordRefusal: (refusal: { user: TSessionUser; action: string; reason: string; ip?: string }) => Promise<unknown>;
};

type Handler<S extends z.ZodType, R, U> = (args: { input: z.infer<S>; user: U; ip?: string }) => Promise<R>;

/**
 * Builds server actions that cannot skip authorization: every action states the role it needs
 * (`null` only for sign-in), and the session and role are checked before the input is parsed.
 * Accepts a plain object, a FormData, or (prevState, FormData) as useActionState passes.
 */
export function createActionClient(deps: ActionDeps) {
  function define<S extends z.ZodType, R>(opts: { name: string; role: null; input: S; run: Handler<S, R, TSessionUser | null> }): (a?: unknown, b?: unknown) => Promise<ActionResult<R>>;
  function define<S extends z.ZodType, R>(opts: { name: string; role: TRole; input: S; run: Handler<S, R, TSessionUser> }): (a?: unknown, b?: unknown) => Promise<ActionResult<R>>;
  function define<S extends z.ZodType, R>(opts: { name: string; role: TRole | null; input: S; run: Handler<S, R, never> }) {
    return async (a?: unknown, b?: unknown): Promise<ActionResult<R>> => {
      let context: ActionContext = { user: null };
      try {
        context = await deps.getContext();
        const { user, ip } = context;
        if (opts.role !== null) {
          if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
          if (!hasRole(user.role, opts.role)) throw new AppError("FORBIDDEN", `This needs the ${opts.role} role; you are ${user.role}.`);
        }
        const raw = b instanceof FormData ? formToObject(b) : a instanceof FormData ? formToObject(a) : a;
        const parsed = opts.input.safeParse(raw);
        if (!parsed.success) {
          const fieldErrors: Record<string, string> = {};
          for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "_")] ??= issue.message;
          return { ok: false, code: "INVALID_INPUT", message: "Some fields need attention.", fieldErrors };
        }
        const data = await (opts.run as Handler<S, R, TSessionUser | null>)({ input: parsed.data, user, ip });
        return { ok: true, data };
      } catch (err) {
        if (isAppError(err)) {
          if (err.code === "FORBIDDEN" && context.user) {
            await deps.recordRefusal({ user: context.user, action: opts.name, reason: err.message, ip: context.ip }).catch(() => {});
          }
          // A refusal about one field (a taken name) is shown under that field.
          const field = typeof err.detail?.field === "string" ? err.detail.field : undefined;
          return { ok: false, code: err.code, message: err.message, ...(field ? { fieldErrors: { [field]: err.message } } : {}) };
        }
        const ref = await deps.reportUnexpected(err, opts.name).catch(() => "unrecorded");
        return { ok: false, code: "INTERNAL", message: `Something went wrong. Reference: ${ref}.` };
      }
    };
  }
  return define;
}

function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) if (!k.startsWith("$ACTION")) out[k] = v;
  return out;
}
