import type { TSampleColumns } from "@/lib/monitor/downsample";

type Row = { label: string; values: (number | null)[] };

const COLOR = { up: "var(--ok)", down: "var(--danger)", none: "var(--muted)" };

/**
 * Link status and reachability as timeline bands (green up, red down, grey not applicable or not
 * read), on the same time span as the charts above it.
 */
export function StatusBand({ columns, fromS, toS, replicationLink = true }: { columns: TSampleColumns; fromS: number; toS: number; replicationLink?: boolean }) {
  const rows: Row[] = [
    // Key-level replication has no link between the ends: the row would be grey throughout.
    ...(replicationLink ? [{ label: "Replication link", values: columns.linkUp }] : []),
    { label: "Source answers", values: columns.srcUp },
    { label: "Target answers", values: columns.tgtUp },
  ];
  const span = Math.max(1, toS - fromS);
  const x = (t: number) => ((t - fromS) / span) * 1000;
  return (
    <div className="space-y-1" data-testid="status-band">
      {rows.map((row) => (
        <div key={row.label} className="flex items-center gap-3">
          <span className="w-36 shrink-0 text-xs text-muted-fg">{row.label}</span>
          <svg viewBox="0 0 1000 10" preserveAspectRatio="none" className="h-3 w-full rounded-sm bg-muted">
            {runs(columns.t, row.values).map((r, i) => (
              <rect key={i} x={x(r.from)} width={Math.max(1, x(r.to) - x(r.from))} y={0} height={10} fill={r.v === null ? COLOR.none : r.v >= 1 ? COLOR.up : COLOR.down} />
            ))}
          </svg>
        </div>
      ))}
    </div>
  );
}

/** Contiguous stretches of equal value; each lasts until the next point's time. */
function runs(t: number[], v: (number | null)[]) {
  const out: { from: number; to: number; v: number | null }[] = [];
  for (let i = 0; i < t.length; i++) {
    const to = t[i + 1] ?? t[i] + 1;
    const last = out[out.length - 1];
    if (last && last.v === v[i]) last.to = to;
    else out.push({ from: t[i], to, v: v[i] });
  }
  return out;
}
