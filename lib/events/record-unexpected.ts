import "server-only";
import { logError } from "../log-error";
import { recordEvent } from "./record-event";

/** An unexpected failure of an action or API route: logged with context, recorded, and its event id returned for the operator to quote. */
export async function recordUnexpected(err: unknown, where: string): Promise<string> {
  const message = err instanceof Error ? err.message : String(err);
  logError(`[ferry] ${where} failed:`, err);
  return recordEvent({ type: "error.unexpected", level: "error", message: `${where}: ${message}` });
}
