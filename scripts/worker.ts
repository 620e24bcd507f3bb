// `npm run worker`: the background loops (runner, sampler, verification, replication, webhooks, or
// those FERRY_WORKER_LOOPS names) without the web server, so web replicas can scale on their own
// with FERRY_RUNNER=off. Run as many as needed on one database: leases and claims in it share the work (ARCHITECTURE.md).
import { exitOnBadEnv } from "../lib/env";

async function main() {
  exitOnBadEnv();
  // Imported only after the check: lib/db reads DATABASE_URL when it is loaded.
  const { startBackground } = await import("../lib/background");
  const { resealSecretsAtStartUp } = await import("../lib/endpoints/reseal-at-start-up");
  await resealSecretsAtStartUp();
  const background = startBackground({ force: true });
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log(`[ferry] worker: ${signal}, releasing leases`);
      // Graceful stop releases leases so another worker takes over at once instead of after expiry.
      background.stop().then(() => process.exit(0), () => process.exit(1));
    });
  }
  await background.ready;
  console.log(`[ferry] worker: ${background.loops.join(", ")} started`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
