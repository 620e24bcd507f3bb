import "../test/use-test-db";
import { db } from "../lib/db";
import { insertSamples } from "../lib/monitor/insert-samples";
import { buildSample } from "../lib/monitor/build-sample";
async function main() {
  const ms = await Promise.all(Array.from({ length: 100 }, async (_, i) => {
    const e1 = await db.endpoint.create({ data: { name: `a${i}`, kind: "self-managed", host: "h", port: 1 } });
    const e2 = await db.endpoint.create({ data: { name: `b${i}`, kind: "self-managed", host: "h", port: 2 } });
    return (await db.migration.create({ data: { name: `m${i}`, strategy: "replicaof", sourceId: e1.id, targetId: e2.id, state: "running" } })).id;
  }));
  const facts = { role: "master" as const, masterOffset: 1000, slaveOffset: null, linkUp: null, syncInProgress: null, syncReadBytes: null, syncTotalBytes: null, keys: 5, memory: 100, ops: 3, replicas: 1, persistence: {} as never };
  for (const label of ["warm", "measure"]) {
    const c0 = process.cpuUsage(); const t0 = performance.now();
    for (let t = 0; t < 60; t++) {
      const at = new Date(1e12 + (label === "warm" ? 0 : 1e6) + t * 1000);
      const rows = ms.map((id) => buildSample({ migrationId: id, at, src: facts, tgt: { ...facts, role: "slave", slaveOffset: 990, linkUp: true }, withPersistence: false }));
      await insertSamples(rows);
    }
    const c = process.cpuUsage(c0);
    console.log(label, "per tick CPU ms", ((c.user + c.system) / 1000 / 60).toFixed(2), "wall", ((performance.now() - t0) / 60).toFixed(2));
  }
}
void main();
