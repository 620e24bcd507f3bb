/**
 * Axis labels that never repeat: the unit comes from the largest tick, the number of decimals from
 * the step between ticks ("38.21k 38.22k 38.23k", not "38k 38k 38k").
 */
function ticks(vals: number[], base: number, units: string[], sep: string): string[] {
  const finite = vals.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return vals.map(() => "");
  const top = Math.max(...finite.map(Math.abs));
  let i = 0;
  while (top >= base ** (i + 1) && i < units.length - 1) i++;
  const scale = base ** i;
  const steps = finite.slice(1).map((v, k) => Math.abs(v - finite[k])).filter((d) => d > 0);
  const step = steps.length ? Math.min(...steps) / scale : 1;
  // Enough decimals to tell two neighbouring ticks apart, capped so a label stays short.
  const decimals = i === 0 && Number.isInteger(step) ? 0 : Math.min(6, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
  return vals.map((v) => (Number.isFinite(v) ? `${(v / scale).toFixed(decimals)}${sep}${units[i]}`.trimEnd() : ""));
}

export const countTicks = (vals: number[]): string[] => ticks(vals, 1000, ["", "k", "M", "G"], "");
export const byteTicks = (vals: number[]): string[] => ticks(vals, 1024, ["B", "KiB", "MiB", "GiB", "TiB"], " ");
