import { z } from "zod";
import { readJsonColumn } from "./read-json-column";

/** Migration.lastError and a failed step's detail.error: what failed, where, and where Retry returns. */
export const ZLastError = z.looseObject({
  step: z.string(),
  /** The migration state the step ran under; Retry returns there. */
  state: z.string(),
  code: z.string(),
  awsCode: z.string().optional(),
  message: z.string(),
  at: z.string(),
});
export type TLastError = z.output<typeof ZLastError>;

export function readLastError(raw: string | null | undefined): TLastError | null {
  return readJsonColumn(raw, ZLastError, "Migration.lastError");
}

export function writeLastError(e: TLastError): string {
  return JSON.stringify(e);
}
