// Test support (not a test): starts replication-process.ts as a real child process (node + tsx,
// no npx wrapper, so the pid is the process that holds the lease and SIGKILL really kills it).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export type TReplicationProcess = { child: ChildProcess; kill9(): Promise<void> };

export async function spawnReplicationProcess(owner: string, leaseMs: number): Promise<TReplicationProcess> {
  const script = path.join(import.meta.dirname, "replication-process.ts");
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], {
    env: { ...process.env, FERRY_TEST_OWNER: owner, FERRY_TEST_LEASE_MS: String(leaseMs) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (d) => (err += String(d)));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (d) => String(d).includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`replication process exited (${code}): ${err.slice(-2000)}`)));
  });
  return {
    child,
    async kill9() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
    },
  };
}
