"use client";
import { useActionState } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/safe-action";

/** A form action that refreshes the server-rendered page once it succeeds, so the new row shows. */
export function useRefreshingAction<T>(action: (form: FormData) => Promise<ActionResult<T>>) {
  const router = useRouter();
  const [state, submit, pending] = useActionState(async (_prev: ActionResult<T> | null, form: FormData) => {
    const result = await action(form);
    if (result.ok) router.refresh();
    return result;
  }, null);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return { state, submit, pending, fieldErrors };
}
