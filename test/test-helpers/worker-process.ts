// Test support (not a test): scripts/worker.ts run the way `npm run worker` runs it after applying
// migrations (use-test-db applied them already), in a process group of its own so a test can
// kill -9 the whole worker (tsx and node) the way a crash would.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { pollUntil } from "./poll-until";

export type TWorkerProcess = {
  child: ChildProcess;
  /** What the worker has printed so far. */
  output(): string;
  /** Process ids in the worker's group: the worker's lease owners carry one of them. */
  pids(): number[];
  /** kill -9 of every process of the worker. */
  kill(): Promise<void>;
};

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Starts a worker with this process's environment (DATABASE_URL, the lab's AWS endpoint) plus `env`, and waits until its loops run. */
export async function startWorkerProcess(opts: { env?: Record<string, string> } = {}): Promise<TWorkerProcess> {
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const child = spawn(tsx, ["--conditions=react-server", "scripts/worker.ts"], { cwd: ROOT, env: { ...process.env, ...opts.env }, detached: true, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  await pollUntil("the worker to start its loops", () => out.includes("[ferry] worker:") || child.exitCode !== null, { timeoutMs: 60_000 });
  if (child.exitCode !== null) throw new Error(`the worker exited: ${out}`);
  const pgid = child.pid!;
  return {
    child,
    output: () => out,
    pids: () =>
      execFileSync("ps", ["-e", "-o", "pid=,pgid="], { encoding: "utf8" })
        .trim().split("\n").map((l) => l.trim().split(/\s+/).map(Number))
        .filter(([, g]) => g === pgid).map(([p]) => p),
    async kill() {
      try {
        process.kill(-pgid, "SIGKILL");
      } catch {
        return; // already gone
      }
      await exited;
    },
  };
}

/** The process id inside a lease owner such as `verify-host-1234-ab12cd34`. */
export function ownerPid(owner: string): number {
  return Number(/-(\d+)-[0-9a-f]{8}$/.exec(owner)?.[1] ?? NaN);
}
