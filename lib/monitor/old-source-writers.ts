import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { resolveEndpoint } from "../endpoints/resolve-endpoint";
import { connectRedis } from "../redis/connect";
import { writeCallsByCommand } from "../redis/write-commands";
import { WRITE_WINDOW_MS } from "./old-source-timing";


export type TOldSourceClient = { addr: string; name: string; lastCommand: string; idleSeconds: number; ageSeconds: number; db: number };
export type TOldSourceWriters = { at: string; windowMs: number; clients: TOldSourceClient[]; writes: { command: string; calls: number }[] };

/** One CLIENT LIST line ("id=7 addr=10.0.0.5:51234 ... name=api-3 ... cmd=set ...") as fields. */
function parseClientLine(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of line.trim().split(" ")) {
    const eq = part.indexOf("=");
    if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/**
 * Who still talks to the old source after cutover: its clients (address, name, last command; not
 * Ferry's own connections, not replicas) and the write commands it served within a short window,
 * so the operator can find the application instance that was not switched. Reads only (CLIENT LIST
 * and INFO commandstats, both on the source allow-list).
 */
export async function readOldSourceWriters(opts: { migrationId: string }): Promise<TOldSourceWriters> {
  const m = await db.migration.findUnique({ where: { id: opts.migrationId }, select: { sourceId: true, cutoverAt: true } });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  if (!m.cutoverAt) throw new AppError("ILLEGAL_TRANSITION", "The old source's clients are shown once the cutover is recorded.");
  const source = await resolveEndpoint(m.sourceId);
  const client = await connectRedis(source.redis, { role: "source", connectionName: "ferry-old-source-check", timeouts: { connectMs: 2_000, commandMs: 3_000, maxRetriesPerRequest: 0, maxReconnects: 0 } });
  try {
    const before = writeCallsByCommand(String(await client.info("commandstats")));
    await new Promise((r) => setTimeout(r, WRITE_WINDOW_MS));
    const [after, list] = await Promise.all([client.info("commandstats"), client.client("LIST")]);
    const writes = [...writeCallsByCommand(String(after))]
      .map(([command, calls]) => ({ command, calls: calls - (before.get(command) ?? 0) }))
      .filter((w) => w.calls > 0)
      .sort((a, b) => b.calls - a.calls);
    const clients = String(list)
      .split("\n")
      .filter((l) => l.trim())
      .map(parseClientLine)
      // Ferry's own readers and the replication links are not applications.
      .filter((c) => !(c.name ?? "").startsWith("ferry-") && !/[SM]/.test(c.flags ?? ""))
      .map((c) => ({ addr: c.addr ?? "?", name: c.name ?? "", lastCommand: c.cmd ?? "", idleSeconds: Number(c.idle ?? 0), ageSeconds: Number(c.age ?? 0), db: Number(c.db ?? 0) }))
      .sort((a, b) => a.idleSeconds - b.idleSeconds);
    return { at: new Date().toISOString(), windowMs: WRITE_WINDOW_MS, clients, writes };
  } finally {
    client.disconnect();
  }
}
