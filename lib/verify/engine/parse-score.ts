/** Scores are formatted text; versions may print the same double differently, so compare numbers. */
export function parseScore(b: Buffer): number {
  const s = b.toString("latin1").toLowerCase();
  if (s === "inf" || s === "+inf") return Infinity;
  if (s === "-inf") return -Infinity;
  return Number(s);
}
