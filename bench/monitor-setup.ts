export { applyMigrations } from "./apply-migrations";
import Database from "better-sqlite3";

export function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((q / 100) * s.length) - 1)] ?? NaN;
}

/** Endpoint and Migration rows straight into SQLite: 2 endpoints per migration, state running. */
export function seedMigrations(file: string, n: number, primaryPorts: number[], replicaPorts: number[]): string[] {
  const sqlite = new Database(file);
  const now = new Date().toISOString().replace("Z", "+00:00");
  const ep = sqlite.prepare(`INSERT INTO Endpoint (id, name, kind, host, port, createdAt, updatedAt) VALUES (?, ?, 'self-managed', '127.0.0.1', ?, ?, ?)`);
  const mig = sqlite.prepare(`INSERT INTO Migration (id, name, strategy, sourceId, targetId, state, createdAt, updatedAt) VALUES (?, ?, 'replicaof', ?, ?, 'running', ?, ?)`);
  const ids: string[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const pair = i % primaryPorts.length;
      ep.run(`src${i}`, `bench-src-${i}`, primaryPorts[pair], now, now);
      ep.run(`tgt${i}`, `bench-tgt-${i}`, replicaPorts[pair], now, now);
      mig.run(`mig${i}`, `bench-${i}`, `src${i}`, `tgt${i}`, now, now);
      ids.push(`mig${i}`);
    }
  })();
  sqlite.close();
  return ids;
}
