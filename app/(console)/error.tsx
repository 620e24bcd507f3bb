"use client";
import { ServerRecovery } from "@/components/server-recovery";

export default function ConsoleError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ServerRecovery {...props} />;
}
