import type { TVerificationStatusView } from "@/lib/verify/jobs/verification-status";

/** react-query keys for verification data, one factory so invalidation cannot miss a key. */
export const verificationKeys = {
  all: ["verification"] as const,
  latest: (migrationId: string) => [...verificationKeys.all, "latest", migrationId] as const,
};

export async function fetchLatestVerification(migrationId: string): Promise<TVerificationStatusView | null> {
  const res = await fetch(`/api/v1/migrations/${encodeURIComponent(migrationId)}/verification`, { cache: "no-store" });
  if (!res.ok) throw new Error(res.status === 401 ? "Your session has ended. Sign in again." : `Could not read the verification (${res.status}).`);
  return ((await res.json()) as { verification: TVerificationStatusView | null }).verification;
}

export const isActive = (v: TVerificationStatusView | null | undefined) => v?.status === "queued" || v?.status === "running";
