import type { TServerlessView } from "@/lib/serverless/get-serverless-view";

export const serverlessKeys = {
  all: ["serverless"] as const,
  view: (migrationId: string) => [...serverlessKeys.all, migrationId] as const,
};

export async function fetchServerlessView(migrationId: string): Promise<TServerlessView> {
  const res = await fetch(`/api/v1/migrations/${encodeURIComponent(migrationId)}/serverless`, { cache: "no-store" });
  if (!res.ok) throw new Error(res.status === 401 ? "Your session has ended. Sign in again." : `Could not read the serverless status (${res.status}).`);
  return res.json();
}

/** Every 3 s while the migration moves, never once it is over. */
export function serverlessPoll(data: TServerlessView | undefined): number | false {
  if (!data) return 3_000;
  return ["completed", "aborted", "draft"].includes(data.state) ? false : 3_000;
}
