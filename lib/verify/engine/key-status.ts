/** What a compared key turned out to be. Its own module so checkpoint.ts and types.ts share it without importing each other. */
export type KeyStatus = "OK" | "MISSING" | "TYPE" | "VALUE" | "TTL" | "EXTRA";
export type MismatchStatus = Exclude<KeyStatus, "OK">;

export type KeyMismatch = {
  db: number;
  key: Buffer;
  /** Printable form: valid UTF-8 stays readable, control and invalid bytes are escaped (\n, \x00). */
  keyDisplay: string;
  status: MismatchStatus;
  detail: string;
};

/** The type-level comparison of one key. GONE: it disappeared from both ends while we looked (expired or deleted in flight). */
export type TypeLevelOutcome = { status: MismatchStatus | "OK" | "GONE"; detail: string };
