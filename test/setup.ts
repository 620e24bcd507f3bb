import { afterAll } from "vitest";
import { stopAllRedis } from "../lab/redis-process";

// Every redis-server a test file started is stopped by PID when the file ends.
afterAll(async () => {
  await stopAllRedis();
});
