/**
 * The lab's S3 for bench/rdb-stream.ts, in its own process so the bench's peak RSS is Ferry's
 * alone. Prints one JSON line {endpoint, region, accounts} and runs until SIGTERM.
 */
import { startLab } from "../lab/start-lab";

async function main() {
  const lab = await startLab({ buckets: [{ name: "bench-rdb", account: "B", ownership: "BucketOwnerPreferred" }] });
  console.log(JSON.stringify({ endpoint: lab.endpoint, region: lab.region, accounts: lab.accounts }));
  const stop = async () => {
    await lab.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
