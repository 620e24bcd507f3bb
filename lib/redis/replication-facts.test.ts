import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseInfo } from "./info";
import { replicationFacts } from "./replication-facts";

const facts = (name: string) => replicationFacts(parseInfo(fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8")));

describe("INFO -> replication facts, one vocabulary for every server", () => {
  it("calls Valkey's role:primary and Redis's role:master the same thing", () => {
    expect(facts("valkey-8.0-primary.txt").role).toBe("primary");
    expect(facts("redis-7.0-primary-with-replica.txt")).toMatchObject({ role: "primary", connectedReplicas: 1, linkUp: null, masterHost: null });
  });

  it("reads a replica's link: where from, up, no sync", () => {
    expect(facts("redis-7.0-replica.txt")).toMatchObject({ role: "replica", masterHost: "127.0.0.1", masterPort: 40037, linkUp: true, syncInProgress: false, slaveReplOffset: 0 });
  });

  it("keeps an unknown transfer size unknown (diskless: total 0), so no made-up percentage", () => {
    expect(facts("elasticache-7.1-replica.txt")).toMatchObject({ role: "replica", linkUp: false, syncInProgress: true, syncReadBytes: 1048576, syncTotalBytes: null, syncPercent: null });
  });
});
