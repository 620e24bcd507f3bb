/**
 * Migration states the runner and the intent services agree on. A linear happy path
 * (draft -> running -> in-sync -> cutting-over -> completed) plus aborting/aborted and failed.
 * Kept free of server imports so components can use the labels.
 */
export const MIGRATION_STATES = ["draft", "running", "in-sync", "cutting-over", "completed", "aborting", "aborted", "failed"] as const;
export type TMigrationState = (typeof MIGRATION_STATES)[number];

/** States in which the runner has work to do (a step to run, a world to watch, an abort to finish). */
export const ACTIVE_STATES: readonly TMigrationState[] = ["running", "in-sync", "cutting-over", "aborting"];

export const TERMINAL_STATES: readonly TMigrationState[] = ["completed", "aborted"];

export type TIntent = "start" | "cutover" | "abort" | "retry";

/** Which states each operator intent may be recorded from, and where it moves the migration. */
export const INTENT_TRANSITIONS: Record<TIntent, { from: readonly TMigrationState[]; to: TMigrationState | "resume" }> = {
  start: { from: ["draft"], to: "running" },
  cutover: { from: ["in-sync"], to: "cutting-over" },
  // Not from cutting-over: once CompleteMigration may be on its way, Force would race it.
  abort: { from: ["running", "in-sync", "failed"], to: "aborting" },
  // Back to the state the failed step ran under (kept in lastError.state).
  retry: { from: ["failed"], to: "resume" },
};
