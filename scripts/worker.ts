// `npm run worker`: the background loops (runner, ...) without the web server, so web replicas can
// scale on their own with FERRY_RUNNER=off. Leases in the database keep one runner per migration.
import { exitOnBadEnv } from "../lib/boot";
import { startBackground } from "../lib/background";

exitOnBadEnv();

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
