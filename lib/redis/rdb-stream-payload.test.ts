import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RdbPayloadExtractor, parsePayloadHeader } from "./rdb-stream-payload";

const MARK = Buffer.from("a".repeat(20) + "b".repeat(20));
const rdb = (body: Buffer) => Buffer.concat([Buffer.from("REDIS0010"), body, Buffer.from([0xff]), Buffer.alloc(8, 7)]);

function feedInPieces(ex: RdbPayloadExtractor, wire: Buffer, cuts: number[]): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (const c of [...new Set(cuts.map((x) => x % (wire.length + 1)))].sort((a, b) => a - b).concat(wire.length)) {
    out.push(...ex.feed(wire.subarray(at, c)));
    at = c;
  }
  return Buffer.concat(out);
}

describe("RdbPayloadExtractor", () => {
  it("returns exactly the RDB before the EOF mark, however the socket cuts the bytes, and ignores what follows", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 40 }), (body, cuts) => {
      const payload = rdb(Buffer.from(body));
      const ex = new RdbPayloadExtractor({ kind: "eof", mark: MARK });
      const got = feedInPieces(ex, Buffer.concat([payload, MARK]), cuts);
      expect(ex.done).toBe(true);
      expect(got.equals(payload)).toBe(true);
      expect(ex.bytes).toBe(payload.length);
      expect(ex.rdbVersion()).toBe(10);
      expect(ex.endsLikeAnRdb()).toBe(true);
    }));
  });

  it("stops at the announced length in the bulk format (the replication stream after it is not RDB)", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 20 }), (body, cuts) => {
      const payload = rdb(Buffer.from(body));
      const ex = new RdbPayloadExtractor({ kind: "bulk", length: payload.length });
      const got = feedInPieces(ex, Buffer.concat([payload, Buffer.from("*1\r\n$4\r\nPING\r\n")]), cuts);
      expect(got.equals(payload)).toBe(true);
      expect(ex.done).toBe(true);
    }));
  });

  it("a stream cut before the mark is not done and does not look like a whole RDB", () => {
    const ex = new RdbPayloadExtractor({ kind: "eof", mark: MARK });
    ex.feed(Buffer.from("REDIS0010" + "x".repeat(100)));
    expect(ex.done).toBe(false);
    expect(ex.endsLikeAnRdb()).toBe(false);
  });

  it("parses both header forms and rejects anything else", () => {
    expect(parsePayloadHeader(`$EOF:${MARK.toString()}`)).toEqual({ kind: "eof", mark: MARK });
    expect(parsePayloadHeader("$1234")).toEqual({ kind: "bulk", length: 1234 });
    expect(parsePayloadHeader("$EOF:short")).toBeNull();
    expect(parsePayloadHeader("+OK")).toBeNull();
  });
});
