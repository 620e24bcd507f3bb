/** One API call as the lab saw it; tests assert on these (e.g. "StartMigration exactly once"). */
export type LabCall = {
  seq: number;
  time: string;
  service: "elasticache" | "cloudwatch" | "s3";
  action: string;
  account?: string;
  groupId?: string;
  status: number;
  errorCode?: string;
};

export class CallLog {
  private calls: LabCall[] = [];
  private seq = 0;

  record(call: Omit<LabCall, "seq" | "time">): void {
    this.calls.push({ seq: ++this.seq, time: new Date().toISOString(), ...call });
    // A long demo run must not grow without bound.
    if (this.calls.length > 20_000) this.calls.splice(0, 10_000);
  }

  list(filter: { service?: string; action?: string; groupId?: string } = {}): LabCall[] {
    return this.calls.filter(
      (c) =>
        (!filter.service || c.service === filter.service) &&
        (!filter.action || c.action === filter.action) &&
        (!filter.groupId || c.groupId === filter.groupId),
    );
  }

  reset(): void {
    this.calls = [];
  }
}
