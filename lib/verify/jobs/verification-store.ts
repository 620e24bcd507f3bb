import "server-only";
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { VerifyCheckpoint } from "../engine/checkpoint";
import type { TClusterCheckpoint } from "../engine/cluster/cluster-checkpoint";
import type { KeyMismatch } from "../engine/types";

/**
 * Final differences wait here until the next checkpoint and are written in the same transaction
 * as the unit's checkpoint. A checkpoint then always accounts for exactly the Mismatch rows stored
 * with it, so a unit resumed after a kill neither loses nor duplicates a row (the engine re-emits
 * whatever came after the checkpoint it resumes from).
 */
export class VerificationStore {
  private buffer: Prisma.MismatchCreateManyInput[] = [];
  /** Set when a write found another worker holding the run. */
  leaseLost = false;

  constructor(private readonly unit: { id: string; verificationId: string }, private readonly owner: string) {}

  add(m: KeyMismatch): void {
    this.buffer.push({
      verificationId: this.unit.verificationId,
      db: m.db,
      keyBase64: m.key.toString("base64"),
      keyDisplay: m.keyDisplay,
      status: m.status,
      detail: m.detail,
    });
  }

  saveCheckpoint(checkpoint: VerifyCheckpoint | TClusterCheckpoint): Promise<void> {
    return this.commit({ checkpoint: JSON.stringify(checkpoint) });
  }

  /** Flushes the remaining differences with the terminal state of the unit. */
  finish(data: Prisma.VerificationUnitUpdateManyMutationInput): Promise<void> {
    return this.commit({ ...data, leaseOwner: null, leaseUntil: null, endedAt: new Date() });
  }

  /** Graceful shutdown: hand the unit (still "running", checkpoint kept) to the next worker now. */
  async release(): Promise<void> {
    await this.commit({ leaseOwner: null, leaseUntil: null });
  }

  private async commit(data: Prisma.VerificationUnitUpdateManyMutationInput): Promise<void> {
    const rows = this.buffer;
    await db.$transaction(async (tx) => {
      const held = await tx.verificationUnit.updateMany({ where: { id: this.unit.id, leaseOwner: this.owner }, data });
      // Another worker took the unit over: write nothing, so its resume stays exact.
      if (held.count === 0) {
        this.leaseLost = true;
        throw new AppError("CONFLICT", "verification lease lost");
      }
      if (rows.length) await tx.mismatch.createMany({ data: rows });
    });
    this.buffer = [];
  }
}
