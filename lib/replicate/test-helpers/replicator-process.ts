// Test support (not a test): a replicator in a process of its own, so a test can SIGKILL it the
// way a crash would. argv[2] is JSON { source, target, options, checkpoint? }; every checkpoint is
// printed as one line "cp <json>".
import { createReplicator } from "../create-replicator";

const input = JSON.parse(process.argv[2]);
const replicator = createReplicator({
  ...input,
  onCheckpoint: async (cp) => {
    process.stdout.write(`cp ${JSON.stringify(cp)}\n`);
  },
  onEvent: () => {},
});
void replicator.start().then(() => process.stdout.write("started\n"));
