import "server-only";
import { db } from "../db";
import { readLatestSample } from "../monitor/sample-reads";
import { buildReportModel } from "../report/build-report-model";

/** States in which the sampler reads both ends, so the list shows the live lag. */
export const LIVE_STATES = ["running", "in-sync", "cutting-over"];
/** The verdict is the report's own; computing it is a few queries, so only the newest rows get it. */
const MAX_VERDICTS = 50;

export type TMigrationListRow = Awaited<ReturnType<typeof listMigrations>>[number];

/** Every migration with its verdict (as its report says), its live lag and its last event. */
export async function listMigrations() {
  const rows = await db.migration.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true, name: true, strategy: true, state: true, createdAt: true,
      source: { select: { name: true } }, target: { select: { name: true } },
      verifications: { where: { status: "done" }, select: { id: true }, take: 1 },
    },
  });
  return Promise.all(
    rows.map(async (r, i) => {
      const [verdict, lagBytes, lastEvent] = await Promise.all([
        r.verifications.length && i < MAX_VERDICTS ? verdictOf(r.id) : null,
        LIVE_STATES.includes(r.state) ? latestLag(r.id) : null,
        db.event.findFirst({ where: { migrationId: r.id }, orderBy: { at: "desc" }, select: { at: true, message: true, level: true } }),
      ]);
      return {
        id: r.id, name: r.name, strategy: r.strategy, state: r.state, createdAt: r.createdAt.toISOString(),
        source: r.source.name, target: r.target.name, verdict, lagBytes,
        lastEvent: lastEvent ? { at: lastEvent.at.toISOString(), message: lastEvent.message, level: lastEvent.level } : null,
      };
    }),
  );
}

async function verdictOf(migrationId: string): Promise<{ result: "PASS" | "FAIL"; why: string } | null> {
  const { verdict } = await buildReportModel({ migrationId });
  const fails = verdict.reasons.filter((r) => r.severity === "fail");
  return { result: verdict.result, why: (fails.length ? fails : verdict.reasons).map((r) => r.message).join(" ") };
}

async function latestLag(migrationId: string): Promise<number | null> {
  return (await readLatestSample(migrationId))?.lagBytes ?? null;
}
