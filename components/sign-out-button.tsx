"use client";
import { useTransition } from "react";
import { logoutAction } from "@/lib/actions/logout";
import { Button } from "./ui/button";

export function SignOutButton() {
  const [pending, start] = useTransition();
  return (
    <Button
      variant="secondary"
      disabled={pending}
      onClick={() =>
        start(async () => {
          await logoutAction();
          window.location.assign("/login");
        })
      }
    >
      Sign out
    </Button>
  );
}
