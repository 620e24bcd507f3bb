// Test support (not a test): a verification worker in a process of its own, so a test can
// SIGKILL it mid-run the way a crash or an OOM kill would. Args: owner leaseMs checkpointMs.
import { startVerificationWorker } from "../jobs/verification-worker";

const [owner, leaseMs, checkpointMs] = process.argv.slice(2);
startVerificationWorker({ owner, leaseMs: Number(leaseMs), checkpointIntervalMs: Number(checkpointMs), pollMs: 100 });
process.stdout.write("ready\n");
