// Test support (not a test): a process that runs only the replication loop, as `npm run worker`
// does beside the runner, so a test can kill -9 it mid-copy or mid-live and watch another take over.
import { startReplicationLoop } from "../replication-loop";

const loop = startReplicationLoop({ ownerId: process.env.FERRY_TEST_OWNER, leaseMs: Number(process.env.FERRY_TEST_LEASE_MS ?? 1_500), log: () => {} });
process.on("SIGTERM", () => void loop.stop().then(() => process.exit(0)));
console.log("replication process ready");
