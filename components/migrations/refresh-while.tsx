"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** Re-reads the server-rendered page every `everyMs` while something on it is live. */
export function RefreshWhile({ live, everyMs }: { live: boolean; everyMs: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(t);
  }, [live, everyMs, router]);
  return null;
}
