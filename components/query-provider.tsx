"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";

/** Longest pause between retries of a failed read: a restarting server is picked up within this. */
export const MAX_RETRY_DELAY_MS = 5_000;

/**
 * One react-query client per browser tab, for the console's live panels. A failed read is retried
 * with backoff (a server restart takes seconds), and polling queries keep polling after an error,
 * so panels come back by themselves when the server does.
 */
export function QueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { retry: 6, retryDelay: (n) => Math.min(500 * 2 ** n, MAX_RETRY_DELAY_MS), refetchOnWindowFocus: false, refetchIntervalInBackground: false },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
