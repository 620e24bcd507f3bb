import "server-only";
import { db } from "../db";
import { webhookSecret } from "./webhook-store";
import { SIGNATURE_HEADER, signWebhook } from "./sign-webhook";

export const MAX_WEBHOOK_ATTEMPTS = 6;
/** First retry after this, doubling each time (1s, 2s, 4s, ... ). */
export const WEBHOOK_BACKOFF_MS = 1_000;
export const WEBHOOK_TIMEOUT_MS = 5_000;
/** How often the background loop looks for due deliveries. */
export const WEBHOOK_POLL_MS = 1_000;
/**
 * A claimed delivery is another worker's again after this: longer than one send may take, so a
 * live sender always records its outcome first; a sender killed mid-send is retried after it.
 */
export const WEBHOOK_CLAIM_MS = 2 * WEBHOOK_TIMEOUT_MS;

/**
 * Sends every due delivery once; a failure is retried later with exponential backoff, then given
 * up. With several workers each delivery is sent by one: a worker claims it by moving its
 * nextAttemptAt past the claim time in one conditional update that matches the value it read
 * (atomic on SQLite and PostgreSQL alike), and counts the attempt then, so a delivery whose sender
 * keeps dying still runs out of attempts.
 */
export async function deliverDueWebhooks(now = new Date()): Promise<number> {
  const due = await db.webhookDelivery.findMany({ where: { status: "pending", nextAttemptAt: { lte: now } }, take: 50, include: { webhook: true } });
  let sent = 0;
  for (const d of due) {
    const claimedUntil = new Date(Date.now() + WEBHOOK_CLAIM_MS);
    const claim = await db.webhookDelivery.updateMany({
      where: { id: d.id, status: "pending", nextAttemptAt: d.nextAttemptAt, attempts: d.attempts },
      data: { nextAttemptAt: claimedUntil, attempts: Math.min(d.attempts + 1, MAX_WEBHOOK_ATTEMPTS) },
    });
    if (claim.count === 0) continue; // another worker has it
    if (d.attempts >= MAX_WEBHOOK_ATTEMPTS) {
      // Its senders died mid-send every time: give up like after failed attempts.
      await db.webhookDelivery.updateMany({ where: { id: d.id, nextAttemptAt: claimedUntil }, data: { status: "failed", lastError: "no sender finished" } });
      continue;
    }
    sent++;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.webhook.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "User-Agent": "Ferry-Webhook", [SIGNATURE_HEADER]: signWebhook(webhookSecret(d.webhook), d.payload) },
        body: d.payload,
        redirect: "manual",
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      status = res.status;
      await res.body?.cancel();
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? err.name : "error";
    }
    const attempts = d.attempts + 1;
    const done = !error;
    // Only while the claim is still this worker's: past it, another worker may be sending already.
    await db.webhookDelivery.updateMany({
      where: { id: d.id, status: "pending", nextAttemptAt: claimedUntil },
      data: {
        attempts,
        lastStatus: status,
        lastError: error,
        status: done ? "delivered" : attempts >= MAX_WEBHOOK_ATTEMPTS ? "failed" : "pending",
        deliveredAt: done ? new Date() : null,
        nextAttemptAt: new Date(Date.now() + WEBHOOK_BACKOFF_MS * 2 ** (attempts - 1)),
      },
    });
  }
  return sent;
}

/** The background loop (lib/background.ts). */
export function startWebhookDelivery(): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(() => deliverDueWebhooks()).catch(() => {});
  }, WEBHOOK_POLL_MS);
  return { stop: async () => { stopped = true; clearInterval(timer); await running; } };
}
