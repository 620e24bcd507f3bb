import "server-only";
import { advertisesNoTouch, NO_TOUCH_ON, NO_TOUCH_PROBE } from "@/lib/redis/no-touch";
import type { VerifyLink } from "./verify-link";

/**
 * Turns CLIENT NO-TOUCH on for every link of one end when the server advertises it; returns
 * whether it did. SCAN, TYPE, PTTL and MEMORY USAGE never touch a key, but DUMP and the value
 * reads do, so every link that may read a value needs it.
 */
export async function enableNoTouch(links: VerifyLink[]): Promise<boolean> {
  const [probe] = await links[0].send([[...NO_TOUCH_PROBE]]);
  if (!advertisesNoTouch(probe)) return false;
  const replies = await Promise.all([...new Set(links)].map((l) => l.send([[...NO_TOUCH_ON]])));
  return replies.every(([r]) => !(r instanceof Error));
}
