/** What replaces a secret-bearing argument. */
export const REDACTED = "[redacted]";

// ioredis puts the failed command on its errors (`err.command = { name, args }`), and when a
// reconnect's AUTH is refused (the password changed on the server) every pending command is
// rejected with that AUTH error: its args hold the stored password. These commands carry
// credentials; for CONFIG and ACL the subcommand stays readable.
const ALL_ARGS = new Set(["auth", "hello", "migrate"]);
const AFTER_SUBCOMMAND = new Set(["config", "acl"]);
// `cause` is not enumerable on errors made with `new Error(msg, { cause })`.
const NESTED = ["cause", "errors"];

/**
 * Removes credentials from an error (and its causes) in place and returns it, so the same object
 * is safe wherever it goes next: a log line, an Event, a response. Mutating is deliberate: other
 * references to the error (pending promises rejected with it) must not keep the secret either.
 */
export function redactRedisError<T>(err: T): T {
  walk(err, new WeakSet(), 0);
  return err;
}

function walk(value: unknown, seen: WeakSet<object>, depth: number): void {
  if (!value || typeof value !== "object" || seen.has(value) || depth > 6) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const v of value) walk(v, seen, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  redactCommand(record.command);
  for (const key of new Set([...Object.keys(record), ...NESTED])) walk(record[key], seen, depth + 1);
}

function redactCommand(command: unknown): void {
  if (!command || typeof command !== "object") return;
  const c = command as { name?: unknown; args?: unknown };
  if (typeof c.name !== "string" || !Array.isArray(c.args)) return;
  const name = c.name.toLowerCase();
  if (ALL_ARGS.has(name)) c.args = c.args.map(() => REDACTED);
  else if (AFTER_SUBCOMMAND.has(name)) c.args = c.args.map((a, i) => (i === 0 ? a : REDACTED));
}
