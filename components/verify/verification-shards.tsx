import type { TVerificationStatusView } from "@/lib/verify/jobs/verification-status";
import { verificationShardRows } from "@/lib/verify/jobs/verification-shard-rows";

const n = (x: number) => x.toLocaleString("en-US");

/** A cluster run shard by shard (nothing for a node-to-node run): where the keys and differences are, and what moved. */
export function VerificationShards({ run }: { run: TVerificationStatusView }) {
  const view = verificationShardRows(run);
  if (!view) return null;
  return (
    <div className="space-y-1 text-sm" data-testid="verification-shards">
      <table className="w-full text-left tabular-nums">
        <thead className="text-xs text-muted-fg">
          <tr><th>Source primary</th><th>Keys</th><th>Differences</th><th>Pairs</th></tr>
        </thead>
        <tbody>
          {view.shards.map((s) => (
            <tr key={s.primary} className="align-top">
              <td>
                {s.primary}
                {s.events.map((e) => <div key={e} className="text-xs text-warn">{e}</div>)}
              </td>
              <td>{`${n(s.keysDone)} / ${n(s.keysTotal)}`}</td>
              <td className={s.differences > 0 ? "text-danger" : undefined}>{n(s.differences)}</td>
              <td>{`${s.pairsDone} / ${s.pairsTotal}${s.pairsRedone ? ` · ${s.pairsRedone} redone` : ""}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.skippedSlots ? (
        <p className="text-warn" data-testid="verification-skipped-slots">Not compared (being resharded): slots {view.skippedSlots}. Verify again once resharding ends.</p>
      ) : null}
    </div>
  );
}
