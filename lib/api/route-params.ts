import { z } from "zod";

/** `[id]` of /api/v1/migrations/[id]/...: a cuid, bounded before it reaches the database. */
export const ZMigrationParams = z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });
