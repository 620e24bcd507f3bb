import { describe, expect, it } from "vitest";
import { KeyQueue, MAX_TRACKED_EVENTS } from "./key-queue";

const k = (s: string) => Buffer.from(s);

/** Pushes an event for `key` and applies it at once (taken and done), as the live apply would. */
function applied(q: KeyQueue, db: number, key: string): void {
  q.push(db, k(key));
  const batch = q.take(10)!;
  q.done(batch.db, batch.keys);
}

describe("KeyQueue scan watches (a scan read never overwrites a newer live write)", () => {
  it("an event after the watch makes that key stale, not the others, and not the same key of another db", () => {
    const q = new KeyQueue();
    const w = q.watch(0);
    expect(q.isStale(w, k("a"))).toBe(false);
    applied(q, 0, "a");
    applied(q, 1, "b");
    expect(q.isStale(w, k("a"))).toBe(true);
    expect(q.isStale(w, k("b"))).toBe(false);
    expect(q.isStale(w, k("c"))).toBe(false);
    q.unwatch(w);
  });

  it("an event applied before the watch does not; one still queued or being applied does", () => {
    const q = new KeyQueue();
    applied(q, 0, "old");
    q.push(0, k("queued"));
    const w = q.watch(0);
    expect(q.isStale(w, k("old"))).toBe(false);
    expect(q.isStale(w, k("queued"))).toBe(true);
    const busy = q.take(10)!;
    expect(q.isStale(w, k("queued"))).toBe(true);
    q.done(busy.db, busy.keys);
    expect(q.isStale(w, k("queued"))).toBe(false);
    q.unwatch(w);
  });

  it("overlapping watches each see only the events after their own start, also after the older one closes", () => {
    const q = new KeyQueue();
    const older = q.watch(0);
    applied(q, 0, "between");
    const newer = q.watch(0);
    expect(q.isStale(older, k("between"))).toBe(true);
    expect(q.isStale(newer, k("between"))).toBe(false);
    q.unwatch(older);
    applied(q, 0, "after");
    expect(q.isStale(newer, k("between"))).toBe(false);
    expect(q.isStale(newer, k("after"))).toBe(true);
    // A key named again after the newer watch started is stale for it, whatever came before.
    applied(q, 0, "between");
    expect(q.isStale(newer, k("between"))).toBe(true);
    q.unwatch(newer);
  });

  it("past MAX_TRACKED_EVENTS the oldest watch stops tracking: its keys count as stale and are queued for the live apply", () => {
    const q = new KeyQueue();
    const older = q.watch(0);
    applied(q, 0, "early");
    const newer = q.watch(0);
    for (let i = 0; i < MAX_TRACKED_EVENTS; i++) q.push(1, k(`other:${i}`));
    expect(q.isStale(newer, k("untouched"))).toBe(false);
    expect(q.isStale(older, k("untouched"))).toBe(true);
    // Skipping it loses nothing: it is now pending, so the live apply copies it.
    const queued: string[] = [];
    for (let b = q.take(MAX_TRACKED_EVENTS + 10); b; b = q.take(MAX_TRACKED_EVENTS + 10)) if (b.db === 0) queued.push(...b.keys.map(String));
    expect(queued).toEqual(["untouched"]);
    q.unwatch(older);
    q.unwatch(newer);
  });
});
