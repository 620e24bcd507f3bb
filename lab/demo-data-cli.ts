/**
 * Loads demo data into any Redis and optionally keeps a write load running:
 *   npx tsx lab/demo-data-cli.ts --port 6379 [--host 127.0.0.1] [--keys 30000] [--rate 200]
 * With --rate > 0 it runs until Ctrl-C.
 */
import { parseArgs } from "node:util";
import { loadDemoData } from "./demo-data";
import { startWriteLoad } from "./write-load";

const { values } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string" },
    keys: { type: "string", default: "30000" },
    rate: { type: "string", default: "0" },
  },
});

async function main(): Promise<void> {
  if (!values.port) throw new Error("--port is required");
  const port = Number(values.port);
  const started = Date.now();
  const counts = await loadDemoData({ host: values.host, port, keys: Number(values.keys) });
  console.log(`loaded ${JSON.stringify(counts)} (db: keys) in ${Date.now() - started} ms`);
  const rate = Number(values.rate);
  if (rate <= 0) return;
  const load = startWriteLoad({ host: values.host, port, opsPerSec: rate });
  console.log(`writing ~${rate} ops/s; Ctrl-C to stop`);
  const stop = async () => {
    await load.stop();
    console.log(`stopped after ${JSON.stringify(load.stats())}`);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
