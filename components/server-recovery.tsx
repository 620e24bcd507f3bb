"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "./ui/button";

/** How often a page that failed to load asks whether Ferry's server answers again. */
export const RECOVERY_PROBE_MS = 3_000;

/**
 * What an error boundary shows: the server did not answer (restarting, say). It probes
 * /api/health and re-renders the page by itself once the server is back, so an open page
 * recovers without a reload.
 */
export function ServerRecovery({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [tries, setTries] = useState(0);
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      const ok = await fetch("/api/health", { cache: "no-store" }).then((r) => r.ok, () => false);
      if (stopped) return;
      setTries((n) => n + 1);
      if (ok) {
        stopped = true;
        clearInterval(timer);
        router.refresh();
        reset();
      }
    }, RECOVERY_PROBE_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [reset, router]);
  return (
    <div role="alert" className="mx-auto mt-16 max-w-lg space-y-3 rounded-lg border border-border bg-card p-6 text-sm" data-testid="server-recovery">
      <h1 className="text-lg font-semibold">Waiting for Ferry&apos;s server</h1>
      <p>This page could not be loaded: the server did not answer (it may be restarting). It reloads by itself as soon as the server is back{tries ? ` (checked ${tries} time${tries > 1 ? "s" : ""})` : ""}.</p>
      {error.digest ? <p className="text-xs text-muted-fg">Reference: {error.digest}</p> : null}
      <Button variant="secondary" onClick={() => { router.refresh(); reset(); }}>Try now</Button>
    </div>
  );
}
