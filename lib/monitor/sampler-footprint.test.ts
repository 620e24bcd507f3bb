import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The modules a fresh process has loaded after importing `entry`, the way `npm run worker` loads a loop. */
function modulesLoadedBy(entry: string): string[] {
  const script = `import(${JSON.stringify(entry)}).then(() => process.stdout.write(JSON.stringify(Object.keys(require.cache))))`;
  const out = execFileSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["--conditions=react-server", "-e", script], {
    cwd: ROOT,
    // Importing opens no database: the client connects on its first query.
    env: { ...process.env, DATABASE_URL: `file:${path.join(os.tmpdir(), "ferry-footprint-never-opened.db")}` },
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out) as string[];
}

const heavy = (mods: string[]) => mods.filter((m) => /node_modules\/(@aws-sdk|@smithy|ioredis|prom-client)\//.test(m));

describe("what a sampler-only worker loads (FERRY_WORKER_LOOPS=sampler)", () => {
  // Each major collection marks the whole heap, once a minute or so for as long as a fleet is
  // sampled: the AWS SDK alone is ~6 MB of it. It comes with the first ElastiCache end, not before.
  it("the sampler's loop loads neither the AWS SDK nor ioredis, which the runner's loop does load", () => {
    const sampler = modulesLoadedBy("./lib/monitor/start-monitoring");
    expect(sampler.some((m) => m.includes("lib/monitor/sampler.ts"))).toBe(true);
    expect(heavy(sampler)).toEqual([]);
    // The check itself can see them: the runner's loop talks to AWS at once.
    expect(heavy(modulesLoadedBy("./lib/flows/start-runner")).length).toBeGreaterThan(10);
  }, 120_000);
});
