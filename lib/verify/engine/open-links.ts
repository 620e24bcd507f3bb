import "server-only";
import type { CompareKeyspacesOptions } from "./types";
import { openLink, type VerifyLink } from "./verify-link";
import type { Links } from "./verify-run";

/** Opens both ends: a caller's client serves everything on its side; endpoints get two lean sockets each. */
export async function openLinks(opts: CompareKeyspacesOptions): Promise<Links> {
  const opened: VerifyLink[] = [];
  const open = async (side: CompareKeyspacesOptions["source"], label: "source" | "target") => {
    const bare = await openLink(side, { label, replyTimeoutMs: opts.replyTimeoutMs });
    const link = opts.wrapLink ? opts.wrapLink(bare, label) : bare;
    opened.push(link);
    return link;
  };
  const pair = async (side: CompareKeyspacesOptions["source"], label: "source" | "target") => {
    const scan = await open(side, label);
    return [scan, "client" in side ? scan : await open(side, label)] as const;
  };
  try {
    const [srcScan, src] = await pair(opts.source, "source");
    const [tgtScan, tgt] = await pair(opts.target, "target");
    return { srcScan, src, tgtScan, tgt };
  } catch (err) {
    for (const l of opened) l.close();
    throw err;
  }
}

export function closeLinks(links: Links): void {
  for (const l of new Set(Object.values(links))) l.close();
}

export function mostStalledMs(links: Links): number {
  return Math.max(...Object.values(links).map((l) => l.stalledMs()));
}
