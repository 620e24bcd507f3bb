import type { z } from "zod";
import { AppError } from "../../errors";

/**
 * Parses one stored JSON column against its schema. A value that is not JSON or not of the
 * recorded shape is a typed RECORD_INVALID error naming the column and the first bad field, never
 * a SyntaxError from deep inside a step: the row was edited by hand or written by a newer Ferry.
 * The message carries paths and zod's wording only, never the stored value.
 */
export function readJsonColumn<S extends z.ZodType>(raw: string | null | undefined, schema: S, column: string): z.output<S> | null {
  if (raw === null || raw === undefined || raw === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new AppError("RECORD_INVALID", `${column} is not valid JSON.`, { column });
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
  throw new AppError("RECORD_INVALID", `${column} does not have the recorded shape${where}: ${issue?.message ?? "invalid"}.`, { column, path: issue?.path.join(".") });
}

/** Serializes a value after checking it against the same schema the reader uses. */
export function writeJsonColumn<S extends z.ZodType>(value: z.input<S>, schema: S, column: string): string {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("RECORD_INVALID", `Refusing to record ${column}: ${issue?.path.join(".") || "value"} ${issue?.message ?? "is invalid"}.`, { column });
  }
  return JSON.stringify(parsed.data);
}
