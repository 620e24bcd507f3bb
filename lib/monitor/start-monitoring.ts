import "server-only";
import { env } from "../env";
import { startSampler, type TSampler } from "./sampler";

const globalForMonitor = globalThis as unknown as { ferryMonitor?: TSampler };

/** Starts the process's one sampler (idempotent across Next.js dev reloads). */
export function startMonitoring(): TSampler {
  return (globalForMonitor.ferryMonitor ??= startSampler({ cloudwatchPeriodSeconds: env().FERRY_CLOUDWATCH_PERIOD_SECONDS }));
}
