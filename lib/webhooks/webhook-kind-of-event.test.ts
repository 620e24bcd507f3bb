import { describe, expect, it } from "vitest";
import { webhookKindOfEvent } from "./webhook-kind-of-event";

describe("webhookKindOfEvent", () => {
  it("gate_open is the gate opening, not the migration reaching in-sync", () => {
    expect(webhookKindOfEvent({ type: "gate.opened" })).toBe("gate_open");
    expect(webhookKindOfEvent({ type: "migration.state", data: { from: "running", to: "in-sync" } })).toBeNull();
    expect(webhookKindOfEvent({ type: "gate.closed" })).toBeNull();
  });

  it("post_cutover_anomaly is what the post-cutover watch records, not any replication error", () => {
    expect(webhookKindOfEvent({ type: "anomaly.old_source_writes" })).toBe("post_cutover_anomaly");
    expect(webhookKindOfEvent({ type: "replication.error" })).toBeNull();
    expect(webhookKindOfEvent({ type: "post_cutover.cleared" })).toBeNull();
  });
});
