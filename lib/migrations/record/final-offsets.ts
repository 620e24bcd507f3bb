import { z } from "zod";
import { readJsonColumn } from "./read-json-column";

/** Migration.finalOffsets: both ends' replication offsets read just before the promotion call. */
export const ZFinalOffsets = z.looseObject({
  source: z.number().nullable(),
  target: z.number().nullable(),
  lagBytes: z.number().nullable().optional(),
  /** When the two INFO replies were read (ISO). */
  readAt: z.string().optional(),
  /** Why there are no offsets (e.g. the promotion happened without Ferry's call). */
  note: z.string().optional(),
});
export type TFinalOffsets = z.output<typeof ZFinalOffsets>;

export function readFinalOffsets(raw: string | null | undefined): TFinalOffsets | null {
  return readJsonColumn(raw, ZFinalOffsets, "Migration.finalOffsets");
}

export function writeFinalOffsets(offsets: TFinalOffsets): string {
  return JSON.stringify(offsets);
}
