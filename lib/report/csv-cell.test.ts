import "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { csvLiteral, csvRow } from "./csv-cell";
import { renderMismatchesCsv } from "./render-mismatches-csv";

describe("CSV formula guard", () => {
  it("guards only text a spreadsheet would run, never a literal cell", () => {
    const row = csvRow(["-12", "+3.5", "1e5", "-1+1", "=1", "@A1", "+EE=", "-cmd|' /C calc'!A0", csvLiteral("+EE="), csvLiteral("-x/=")]);
    expect(row).toBe(`-12,+3.5,1e5,'-1+1,'=1,'@A1,'+EE=,'-cmd|' /C calc'!A0,+EE=,-x/=\r\n`);
  });

  it("the download's key_base64 decodes to the exact key even when it starts with + or /", async () => {
    const keys = [Buffer.from([0xf8, 0x41]), Buffer.from([0xff, 0xff, 0xfe]), Buffer.from("plain")];
    expect(keys.map((k) => k.toString("base64"))).toEqual(["+EE=", "///+", "cGxhaW4="]);
    const src = await db.endpoint.create({ data: { name: "csv-src", kind: "self-managed", host: "127.0.0.1", port: 1 } });
    const migration = await db.migration.create({ data: { name: "csv", strategy: "replicaof", sourceId: src.id, targetId: src.id } });
    const run = await db.verificationRun.create({ data: { migrationId: migration.id, status: "done" } });
    await db.mismatch.createMany({
      data: keys.map((k) => ({ verificationId: run.id, db: 0, keyBase64: k.toString("base64"), keyDisplay: k.toString("latin1"), status: "MISSING", detail: "" })),
    });
    const lines = (await new Response(renderMismatchesCsv(run.id)).text()).trim().split("\r\n");
    expect(lines[0].split(",").at(-1)).toBe("key_base64");
    const decoded = lines.slice(1).map((line) => Buffer.from(line.split(",").at(-1)!, "base64"));
    expect(decoded).toEqual(keys);
  });
});
