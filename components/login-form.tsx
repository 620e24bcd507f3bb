"use client";
import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { loginAction } from "@/lib/actions/login";
import { Button } from "./ui/button";
import { Card } from "./ui/card";
import { Field, Input } from "./ui/input";

export function LoginForm() {
  const router = useRouter();
  const [state, submit, pending] = useActionState(loginAction, null);
  useEffect(() => {
    if (state?.ok) router.replace("/migrations");
  }, [state, router]);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <Card>
      <form action={submit} className="space-y-4">
        <Field label="Email" htmlFor="email" error={fieldErrors?.email}>
          <Input id="email" name="email" type="email" autoComplete="username" maxLength={254} required autoFocus />
        </Field>
        <Field label="Password" htmlFor="password" error={fieldErrors?.password}>
          <Input id="password" name="password" type="password" autoComplete="current-password" maxLength={1024} required />
        </Field>
        {state && !state.ok && !fieldErrors ? (
          <p role="alert" className="rounded-md bg-danger/10 px-3 py-2 text-sm text-danger">{state.message}</p>
        ) : null}
        <Button type="submit" className="w-full" disabled={pending}>{pending ? "Signing in…" : "Sign in"}</Button>
      </form>
    </Card>
  );
}
