import "server-only";
import { AppError } from "../errors";
import type { ReadOnlyRedis } from "../redis/read-only";
import type { NotificationChannels } from "./keyspace-subscriber";

/**
 * Which channels to listen to, from `CONFIG GET notify-keyspace-events`. Refuses to start when the
 * source says notifications are off: live mode would sit idle while writes go unfollowed. When
 * CONFIG is refused (ElastiCache), pre-flight read the parameter group; listen to both channels.
 */
export async function notificationChannels(src: ReadOnlyRedis, label: string): Promise<NotificationChannels> {
  let flags: string;
  try {
    const reply = (await src.config("GET", "notify-keyspace-events")) as string[];
    if (reply.length < 2) return "both";
    flags = String(reply[1]);
  } catch {
    return "both";
  }
  const classes = flags.includes("A") || ["g", "$", "l", "s", "h", "z", "x", "e"].every((c) => flags.includes(c));
  if (!/[KE]/.test(flags) || !classes) {
    throw new AppError(
      "PREFLIGHT_FAILED",
      `Keyspace notifications on ${label} are "${flags}": live replication needs K or E plus every key class (set notify-keyspace-events to KEA).`,
      { notifyKeyspaceEvents: flags },
    );
  }
  return flags.includes("E") ? "keyevent" : "keyspace";
}
