"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setUserDisabledAction } from "@/lib/actions/set-user-disabled";
import { resetPasswordAction } from "@/lib/actions/reset-password";
import { Button } from "../ui/button";
import { Input } from "../ui/input";

type TUserRef = { id: string; email: string; disabled: boolean };

/** An admin's per-user controls: disable / re-enable, and reset the password. */
export function UserAccessControls({ user, self }: { user: TUserRef; self: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [resetting, setResetting] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  function run(action: () => Promise<{ ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string> }>, done: string) {
    start(async () => {
      const r = await action();
      setMessage(r.ok ? { ok: true, text: done } : { ok: false, text: Object.values(r.fieldErrors ?? {})[0] ?? r.message });
      if (r.ok) setResetting(false);
      router.refresh();
    });
  }
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {self ? null : (
          <Button type="button" variant={user.disabled ? "secondary" : "danger"} className="h-8 px-3" disabled={pending}
            onClick={() => run(() => setUserDisabledAction({ userId: user.id, disabled: !user.disabled }), user.disabled ? "Re-enabled." : "Disabled; their sessions ended.")}>
            {user.disabled ? "Re-enable" : "Disable"}
          </Button>
        )}
        <Button type="button" variant="secondary" className="h-8 px-3" disabled={pending} onClick={() => setResetting((v) => !v)}>Reset password</Button>
      </div>
      {resetting ? (
        <form className="flex gap-2" aria-label={`Reset the password of ${user.email}`}
          action={(form) => run(() => resetPasswordAction({ userId: user.id, password: String(form.get("password") ?? "") }), "Password reset; their sessions ended.")}>
          <Input name="password" type="password" aria-label={`New password for ${user.email}`} minLength={12} maxLength={1024} required autoComplete="new-password" className="h-8" />
          <Button type="submit" className="h-8 px-3" disabled={pending}>Save</Button>
        </form>
      ) : null}
      {message ? <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-xs text-ok" : "text-xs text-danger"}>{message.text}</p> : null}
    </div>
  );
}
