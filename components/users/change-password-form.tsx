"use client";
import { useActionState } from "react";
import { changeOwnPasswordAction } from "@/lib/actions/change-own-password";
import { Button } from "../ui/button";
import { Field, Input } from "../ui/input";

/** Everyone's own password change; other sessions of the account end, this one stays. */
export function ChangePasswordForm() {
  const [state, submit, pending] = useActionState(async (_: unknown, form: FormData) => changeOwnPasswordAction(form), null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={submit} aria-label="Change your password" className="mt-4 grid grid-cols-1 gap-4 md:grid-cols-4 md:items-end">
      <Field label="Current password" htmlFor="pw-current" error={errors?.currentPassword}>
        <Input id="pw-current" name="currentPassword" type="password" required maxLength={1024} autoComplete="current-password" />
      </Field>
      <Field label="New password" htmlFor="pw-new" error={errors?.newPassword}>
        <Input id="pw-new" name="newPassword" type="password" required minLength={12} maxLength={1024} autoComplete="new-password" />
      </Field>
      <Field label="New password again" htmlFor="pw-confirm" error={errors?.confirmPassword}>
        <Input id="pw-confirm" name="confirmPassword" type="password" required minLength={12} maxLength={1024} autoComplete="new-password" />
      </Field>
      <Button type="submit" disabled={pending}>{pending ? "Changing…" : "Change password"}</Button>
      {state && !state.ok && !errors ? <p role="alert" className="text-sm text-danger md:col-span-4">{state.message}</p> : null}
      {state?.ok ? <p role="status" className="text-sm text-ok md:col-span-4">Password changed. Your other sessions were signed out.</p> : null}
    </form>
  );
}
