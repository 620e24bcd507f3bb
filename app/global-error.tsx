"use client";
import "./globals.css";
import { ServerRecovery } from "@/components/server-recovery";

/** When even the root layout failed (the server went away mid-navigation): same self-recovery. */
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <ServerRecovery {...props} />
      </body>
    </html>
  );
}
