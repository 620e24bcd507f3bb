import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { diffRawRegions } from "./raw-region-diff";
import { RespError, RespReader, parseRegion, type RespReply } from "./resp-parser";

type Reply = { kind: "bulk"; v: Uint8Array } | { kind: "int"; v: number } | { kind: "null" } | { kind: "err"; v: string } | { kind: "arr"; v: Reply[] };

const reply: fc.Arbitrary<Reply> = fc.letrec<{ r: Reply }>((tie) => ({
  r: fc.oneof(
    { depthSize: "small" },
    fc.record({ kind: fc.constant("bulk" as const), v: fc.uint8Array({ maxLength: 300 }) }),
    fc.record({ kind: fc.constant("int" as const), v: fc.integer() }),
    fc.record({ kind: fc.constant("null" as const) }),
    fc.record({ kind: fc.constant("err" as const), v: fc.stringMatching(/^[A-Z]+ [a-z ]{0,20}$/) }),
    fc.record({ kind: fc.constant("arr" as const), v: fc.array(tie("r"), { maxLength: 4 }) }),
  ),
})).r;

function encode(r: Reply): Buffer {
  switch (r.kind) {
    case "bulk": return Buffer.concat([Buffer.from(`$${r.v.length}\r\n`), Buffer.from(r.v), Buffer.from("\r\n")]);
    case "int": return Buffer.from(`:${r.v}\r\n`);
    case "null": return Buffer.from("$-1\r\n");
    case "err": return Buffer.from(`-${r.v}\r\n`);
    case "arr": return Buffer.concat([Buffer.from(`*${r.v.length}\r\n`), ...r.v.map(encode)]);
  }
}

function plain(r: RespReply): unknown {
  if (r instanceof RespError) return `ERR:${r.message}`;
  if (Buffer.isBuffer(r)) return [...r];
  return Array.isArray(r) ? r.map(plain) : r;
}
function expected(r: Reply): unknown {
  return r.kind === "bulk" ? [...r.v] : r.kind === "null" ? null : r.kind === "err" ? `ERR:${r.v}` : r.kind === "arr" ? r.v.map(expected) : r.v;
}

describe("RespReader", () => {
  it("parses any reply sequence however the socket splits it, in parsed and raw batches alike", () => {
    fc.assert(
      fc.property(fc.array(reply, { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), (replies, cuts, raw) => {
        const wire = Buffer.concat(replies.map(encode));
        const got: RespReply[] = [];
        const pieces: Buffer[] = [];
        let rawCount = 0;
        const reader = new RespReader({
          rawWanted: () => (raw ? replies.length - rawCount : got.length < replies.length ? 0 : -1),
          reply: (r) => got.push(r),
          rawPiece: (p, n) => ((rawCount += n), pieces.push(Buffer.from(p))),
        });
        const points = [...new Set(cuts.map((c) => c % (wire.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const p of [...points, wire.length]) {
          if (p > from) reader.push(wire.subarray(from, p));
          from = Math.max(from, p);
        }
        if (raw) {
          expect(Buffer.concat(pieces).equals(wire)).toBe(true);
          expect(parseRegion(Buffer.concat(pieces)).map(plain)).toEqual(replies.map(expected));
        } else {
          expect(got.map(plain)).toEqual(replies.map(expected));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("diffRawRegions", () => {
  it("names exactly the replies whose bytes differ between two ends, parsed, and only those", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(reply, reply, fc.boolean()), { minLength: 1, maxLength: 30 }), (pairs) => {
        // Half the pairs are made equal, so both runs of equal replies and scattered differences occur.
        const s = pairs.map(([a]) => a);
        const t = pairs.map(([a, b, same]) => (same ? a : b));
        const diff = diffRawRegions(Buffer.concat(s.map(encode)), Buffer.concat(t.map(encode)), pairs.length);
        const differing = s.map((_, i) => i).filter((i) => !encode(s[i]).equals(encode(t[i])));
        expect(diff.index).toEqual(differing);
        expect(diff.s.map(plain)).toEqual(differing.map((i) => expected(s[i])));
        expect(diff.t.map(plain)).toEqual(differing.map((i) => expected(t[i])));
      }),
      { numRuns: 300 },
    );
  });
});
