import { Counter, Gauge, Registry } from "prom-client";

function build() {
  const registry = new Registry();
  const g = (name: string, help: string, labelNames: string[] = ["migration"]) => new Gauge({ name, help, labelNames, registers: [registry] });
  return {
    registry,
    awsCalls: new Counter({ name: "ferry_aws_calls_total", help: "AWS SDK calls by service, action and outcome (ok or the error name).", labelNames: ["service", "action", "outcome"], registers: [registry] }),
    state: g("ferry_migration_state", "1 for the state each migration is in.", ["migration", "name", "strategy", "state"]),
    lagBytes: g("ferry_migration_lag_bytes", "Replication offset lag of the latest sample."),
    keys: g("ferry_migration_keys", "Keys at each end (latest sample).", ["migration", "side"]),
    memory: g("ferry_migration_memory_bytes", "Used memory at each end (latest sample).", ["migration", "side"]),
    up: g("ferry_migration_endpoint_up", "1 when the latest sample could read that end.", ["migration", "side"]),
    sampleAge: g("ferry_sampler_last_sample_age_seconds", "Age of the latest sample of an active migration: sampler health."),
    gateOpen: g("ferry_migration_gate_open", "1 when the cutover gate is open."),
    verifyDone: g("ferry_verification_keys_done", "Keys compared by the latest verification."),
    verifyTotal: g("ferry_verification_keys_total", "Keys to compare in the current phase of the latest verification."),
    verifyDiffs: g("ferry_verification_differences", "Differences found by the latest verification so far."),
    replPending: g("ferry_replication_pending_keys", "Keys named by events and not yet applied (replicate strategy)."),
    replLag: g("ferry_replication_oldest_pending_seconds", "Age of the oldest unapplied event (replicate strategy)."),
    runnerLease: g("ferry_runner_lease_ok", "1 when an active migration's runner lease is held and current: runner health."),
  };
}

export type TMetrics = ReturnType<typeof build>;

// One registry per process, kept across Next.js dev reloads so counters are not registered twice.
const holder = globalThis as unknown as { ferryMetrics?: TMetrics };

export function metrics(): TMetrics {
  return (holder.ferryMetrics ??= build());
}
