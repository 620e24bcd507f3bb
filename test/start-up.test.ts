import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// What an operator sees when a setting is wrong: one line naming it, and the process stops.
describe("start-up with a bad setting", () => {
  it("the worker stops with one line naming the variable", () => {
    const r = spawnSync("npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
      env: { ...process.env, DATABASE_URL: "mysql://root@db/ferry" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    const lines = r.stderr.split("\n").filter((l) => l.startsWith("[ferry]"));
    expect(lines).toEqual([expect.stringMatching(/^\[ferry\] Invalid setting DATABASE_URL: must be a SQLite file URL/)]);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
