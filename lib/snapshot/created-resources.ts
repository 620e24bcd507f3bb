import "server-only";
import type { CreatedResource } from "@prisma/client";
import { db } from "../db";

export type TResourceKind = "snapshot" | "s3-object" | "object-grant" | "bucket-grant" | "replication-group";
export type TResourceSide = "source" | "target";

/**
 * Bookkeeping of what Ferry makes in AWS for one migration. `pending` is written BEFORE the call
 * (a crash right after the call still leaves a row for cleanup to look at); `created` once the
 * call returned. Cleanup only ever touches identifiers found here.
 */
export type ResourceTracker = {
  pending(kind: TResourceKind, side: TResourceSide, identifier: string, detail?: Record<string, unknown>): Promise<void>;
  created(kind: TResourceKind, identifier: string, detail?: Record<string, unknown>): Promise<void>;
  /** Ours? (Anything with a row, pending or not: a pending row means our call may have landed.) */
  isOurs(kind: TResourceKind, identifier: string): Promise<boolean>;
};

export function resourceTracker(migrationId: string): ResourceTracker {
  const key = (kind: string, identifier: string) => ({ migrationId_kind_identifier: { migrationId, kind, identifier } });
  return {
    async pending(kind, side, identifier, detail) {
      await db.createdResource.upsert({
        where: key(kind, identifier),
        create: { migrationId, kind, side, identifier, detail: detail ? JSON.stringify(detail) : undefined },
        update: {},
      });
    },
    async created(kind, identifier, detail) {
      const row = await db.createdResource.findUnique({ where: key(kind, identifier) });
      const merged = { ...(row?.detail ? JSON.parse(row.detail) : {}), ...detail };
      await db.createdResource.update({ where: key(kind, identifier), data: { status: "created", confirmedAt: new Date(), detail: JSON.stringify(merged) } });
    },
    async isOurs(kind, identifier) {
      return !!(await db.createdResource.findUnique({ where: key(kind, identifier), select: { id: true } }));
    },
  };
}

/** A tracker for calls outside any migration (tests of single services): remembers nothing. */
export const noTracking: ResourceTracker = { pending: async () => {}, created: async () => {}, isOurs: async () => false };

export async function listCreatedResources(migrationId: string): Promise<CreatedResource[]> {
  return db.createdResource.findMany({ where: { migrationId }, orderBy: { createdAt: "asc" } });
}

export function detailOf(row: Pick<CreatedResource, "detail">): Record<string, unknown> {
  return row.detail ? JSON.parse(row.detail) : {};
}
