import type { TReport } from "@/lib/report/report-schema";
import { shardTables } from "@/lib/report/shard-tables";
import { Card, CardTitle } from "../ui/card";
import { Grid } from "./report-grid";

/** A cluster migration shard by shard: the slot split, baselines, verification and sync or replicator (the same tables as the downloads). */
export function ReportShardsSection({ s }: { s: NonNullable<TReport["shards"]> }) {
  return (
    <Card data-testid="report-shards">
      <CardTitle>Shards</CardTitle>
      <div className="space-y-5">
        {shardTables(s).map((t) => (
          <section key={t.id} data-testid={`report-shards-${t.id}`}>
            <h3 className="text-sm font-semibold">{t.title}</h3>
            {t.intro ? <p className="mb-2 text-sm text-muted-fg">{t.intro}</p> : null}
            {t.head.length ? <Grid head={t.head} rows={t.rows} /> : null}
          </section>
        ))}
      </div>
    </Card>
  );
}
