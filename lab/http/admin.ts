import type { IncomingMessage, ServerResponse } from "node:http";
import type { LabContext } from "../context";
import { allMembers } from "../elasticache/state";
import { readSmallBody } from "./body";

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** A snapshot of the lab's state for people and tests (no secrets: lab keys are public anyway). */
export function labState(ctx: LabContext) {
  return {
    groups: [...ctx.groups.values()].map((g) => ({
      accountId: g.account.accountId, id: g.id, status: g.status,
      nodes: allMembers(g).map((m) => ({ clusterId: m.clusterId, role: m.role, port: m.redis.port })),
      migration: g.migration ? { address: g.migration.address, port: g.migration.port } : undefined,
    })),
    snapshots: [...ctx.snapshots.values()].map((s) => ({ accountId: s.account.accountId, name: s.name, status: s.status, groupId: s.group.id })),
    // The password is in data/lab.json (for the demo's registration), not on the wire.
    managedTargets: ctx.managedTargets.map(({ name, host, port, tls, servername, username, caPem }) => ({ name, host, port, tls, servername, username, caPem })),
    buckets: [...ctx.s3.buckets.values()].map((b) => ({ name: b.name, ownership: b.ownership, region: b.region, objects: b.objects.size })),
  };
}

/**
 * /_lab/* routes: GET calls (filter by service/action/groupId), POST reset-calls, GET/POST/DELETE
 * faults (DELETE /_lab/faults/<id> removes one), GET state, GET health, POST write-load/stop?name=
 * (the demo's applications on that source stop writing, as an operator does before a cutover).
 */
export async function handleAdmin(ctx: LabContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const route = `${req.method} ${url.pathname.replace(/\/$/, "")}`;
  const q = url.searchParams;
  try {
    // Ready only once every fixture is up (Playwright waits on this before reading lab.json).
    if (route === "GET /_lab/health") return ctx.fixturesReady ? json(res, 200, { ok: true }) : json(res, 503, { ok: false, starting: true });
    if (route === "GET /_lab/calls") {
      return json(res, 200, ctx.calls.list({ service: q.get("service") ?? undefined, action: q.get("action") ?? undefined, groupId: q.get("groupId") ?? undefined }));
    }
    if (route === "POST /_lab/reset-calls") {
      ctx.calls.reset();
      return json(res, 200, { ok: true });
    }
    if (route === "GET /_lab/faults") return json(res, 200, ctx.faults.list());
    if (route === "POST /_lab/faults") {
      const body = JSON.parse((await readSmallBody(req)) || "null");
      const ids = (Array.isArray(body) ? body : [body]).map((spec) => ctx.faults.add(spec));
      return json(res, 200, { ids });
    }
    if (route === "DELETE /_lab/faults") {
      ctx.faults.clear();
      return json(res, 200, { ok: true });
    }
    const one = route.match(/^DELETE \/_lab\/faults\/(\w+)$/);
    if (one) return json(res, ctx.faults.remove(one[1]) ? 200 : 404, { ok: true });
    if (route === "GET /_lab/state") return json(res, 200, labState(ctx));
    if (route === "POST /_lab/write-load/stop") {
      const load = ctx.writeLoads.get(q.get("name") ?? "");
      if (!load) return json(res, 404, { error: `no write load named ${q.get("name")}` });
      await load.stop();
      return json(res, 200, { ok: true });
    }
    return json(res, 404, { error: `no such lab route: ${route}` });
  } catch (err) {
    return json(res, 400, { error: (err as Error).message });
  }
}
