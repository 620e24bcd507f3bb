"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/safe-action";

/** Saves a migration's options and refreshes the page; a refusal is one line naming each field. */
export function useSaveOptions() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const save = (run: () => Promise<ActionResult<unknown>>) =>
    start(async () => {
      const r = await run();
      setSaved(r.ok);
      setError(r.ok ? undefined : r.fieldErrors ? `${r.message} ${Object.entries(r.fieldErrors).map(([k, v]) => `${k}: ${v}`).join("; ")}` : r.message);
      router.refresh();
    });
  return { pending, error, saved, save };
}
