import "server-only";
import type { Prisma } from "@prisma/client";
import { db } from "../db";
import { recordEvent } from "../events/record-event";
import type { TMigrationState } from "./states";

/**
 * A state change made by the runner: only from the state it expects and only while it holds the
 * lease, with the same version bump the operator's intents use, so neither overwrites the other.
 */
export async function runnerTransition(opts: {
  migrationId: string;
  owner: string;
  from: TMigrationState;
  to: TMigrationState;
  data?: Prisma.MigrationUpdateManyMutationInput;
  why: string;
}): Promise<boolean> {
  const { count } = await db.migration.updateMany({
    where: { id: opts.migrationId, state: opts.from, leaseOwner: opts.owner },
    data: { ...opts.data, state: opts.to, version: { increment: 1 } },
  });
  if (count === 1) {
    await recordEvent({
      type: "migration.state",
      level: opts.to === "failed" ? "error" : "info",
      migrationId: opts.migrationId,
      message: `${opts.from} → ${opts.to}: ${opts.why}`,
      data: { from: opts.from, to: opts.to, runner: opts.owner },
    });
  }
  return count === 1;
}
