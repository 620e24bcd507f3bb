// `npm run worker`: the background loops (runner, ...) without the web server, so web replicas can
// scale on their own with FERRY_RUNNER=off. Leases in the database keep one runner per migration.
import { env, EnvError } from "../lib/env";
import { startBackground } from "../lib/background";

try {
  env();
} catch (err) {
  if (err instanceof EnvError) {
    console.error(`[ferry] ${err.message}`);
    process.exit(1);
  }
  throw err;
}

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
