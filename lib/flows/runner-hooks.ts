/**
 * Test seam for "the process died right here": a hook that throws RunnerCrash makes the runner
 * stop on the spot, writing nothing more and keeping its lease until it expires, as a killed
 * process would. Production code never throws it.
 */
export class RunnerCrash extends Error {
  constructor(where: string) {
    super(`simulated crash after ${where}`);
    this.name = "RunnerCrash";
  }
}

/** Thrown when another runner holds the lease by the time we want to act: we stop without writing. */
export class LeaseLost extends Error {
  constructor(migrationId: string) {
    super(`lease on ${migrationId} lost`);
    this.name = "LeaseLost";
  }
}

export type TRunnerHooks = {
  /** Called right after a call that changed the world returned, before it is recorded. */
  afterWorldChange?: (call: string, migrationId: string) => void | Promise<void>;
};
