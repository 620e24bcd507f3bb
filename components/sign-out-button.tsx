"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { logoutAction } from "@/lib/actions/logout";
import { Button } from "./ui/button";

export function SignOutButton() {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant="secondary"
      disabled={pending}
      onClick={() =>
        start(async () => {
          await logoutAction();
          router.replace("/login");
          router.refresh();
        })
      }
    >
      Sign out
    </Button>
  );
}
