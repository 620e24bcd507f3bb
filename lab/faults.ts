import { z } from "zod";
import { ApiError } from "./http/api-error";

const ZService = z.enum(["elasticache", "cloudwatch", "s3"]);

/**
 * Faults a test or the demo can switch on through POST /_lab/faults. Request faults answer an
 * API call with an error before the handler runs; behaviour faults change what the lab's
 * "cloud" does (a promotion that is slow or fails, a snapshot stuck in `creating`, a
 * replication link that never comes up).
 */
export const ZFaultSpec = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("throttle"),
    service: ZService.optional(),
    action: z.string().optional(),
    /** How many matching calls fail; omitted = until the fault is removed. */
    count: z.number().int().positive().optional(),
  }),
  z.object({
    kind: z.literal("server-error"),
    code: z.enum(["InternalFailure", "ServiceUnavailable"]).default("InternalFailure"),
    service: ZService.optional(),
    action: z.string().optional(),
    count: z.number().int().positive().optional(),
  }),
  z.object({ kind: z.literal("slow-promotion"), groupId: z.string().optional(), ms: z.number().int().nonnegative() }),
  z.object({ kind: z.literal("failed-promotion"), groupId: z.string().optional() }),
  z.object({ kind: z.literal("stuck-snapshot"), snapshotName: z.string().optional() }),
  z.object({ kind: z.literal("stall-replication"), groupId: z.string().optional() }),
]);
export type TFaultSpec = z.input<typeof ZFaultSpec>;
type Fault = z.output<typeof ZFaultSpec> & { id: string; remaining?: number };

export class FaultStore {
  private faults: Fault[] = [];
  private next = 1;

  add(spec: TFaultSpec): string {
    const parsed = ZFaultSpec.parse(spec);
    const id = `f${this.next++}`;
    const remaining = "count" in parsed ? parsed.count : undefined;
    this.faults.push({ ...parsed, id, remaining });
    return id;
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return [...this.faults];
  }

  /** Consumes one matching request fault, if any, and returns the error to answer with. */
  takeRequestFault(service: string, action: string): ApiError | undefined {
    const f = this.faults.find(
      (x) =>
        (x.kind === "throttle" || x.kind === "server-error") &&
        (!x.service || x.service === service) &&
        (!x.action || x.action === action),
    );
    if (!f || (f.kind !== "throttle" && f.kind !== "server-error")) return undefined;
    if (f.remaining !== undefined && --f.remaining <= 0) this.remove(f.id);
    if (f.kind === "throttle") return new ApiError("Throttling", "Rate exceeded", 400);
    return f.code === "ServiceUnavailable"
      ? new ApiError("ServiceUnavailable", "Service is unavailable. Please try again later.", 503)
      : new ApiError("InternalFailure", "The request processing has failed because of an unknown error.", 500);
  }

  /** Behaviour faults keyed by group or snapshot; an omitted key matches every resource. */
  find<K extends "slow-promotion" | "failed-promotion" | "stall-replication">(kind: K, groupId: string) {
    return this.faults.find((f) => f.kind === kind && (!("groupId" in f) || !f.groupId || f.groupId === groupId)) as
      | Extract<Fault, { kind: K }>
      | undefined;
  }

  snapshotStuck(name: string): boolean {
    return this.faults.some((f) => f.kind === "stuck-snapshot" && (!f.snapshotName || f.snapshotName === name));
  }
}
