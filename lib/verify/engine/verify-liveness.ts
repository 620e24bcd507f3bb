/**
 * Lets the caller of compareKeyspaces tell a run that progresses from one stuck on a server:
 * the jobs layer renews its lease only while `stalledMs()` stays small. Created by the caller,
 * handed in through the options, fed by the engine with its open links.
 */
export class VerifyLiveness {
  private probe: () => number = () => 0;

  /**
   * Called by the engine before it opens its connections: until it attaches, no reply has
   * arrived (a frozen server accepts the TCP connection but never answers the handshake), so
   * that wait counts as stalled, not as progress.
   */
  connecting(): void {
    const since = Date.now();
    this.probe = () => Date.now() - since;
  }

  /** Called by the engine: how long its most stuck link has been owed a reply. */
  attach(probe: () => number): void {
    this.probe = probe;
  }

  detach(): void {
    this.probe = () => 0;
  }

  /** 0 while every owed reply is arriving (or nothing is owed, e.g. between rounds). */
  stalledMs(): number {
    return this.probe();
  }
}
