import { PDFDocument, PDFFont } from "pdf-lib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PDF_TEXT_LIMIT, PdfWriter } from "./pdf-writer";
import { wrapPdfText } from "./wrap-pdf-text";

const unit = () => 1;
afterEach(() => vi.restoreAllMocks());

describe("wrapPdfText", () => {
  it("breaks at spaces, cuts words wider than the column at the edge, keeps paragraphs", () => {
    expect(wrapPdfText("aaaa bb cccccccccc d", 4, unit)).toEqual(["aaaa", "bb", "cccc", "cccc", "cc d"]);
    expect(wrapPdfText("one two\n\nthree", 7, unit)).toEqual(["one two", "", "three"]);
    // Glyphs of different widths: the cut follows the running sum, not the character count.
    expect(wrapPdfText("WWiiii", 3.5, (ch) => (ch === "W" ? 1.5 : 0.5))).toEqual(["WWi", "iii"]);
    expect(wrapPdfText("WWiiii", 3, (ch) => (ch === "W" ? 1.5 : 0.5))).toEqual(["WW", "iiii"]);
    // A glyph wider than the column still makes progress.
    expect(wrapPdfText("xyz", 0.5, unit)).toEqual(["x", "y", "z"]);
  });

  it("loses and reorders nothing: the lines join back into the text", () => {
    const word = "k".repeat(4_000);
    expect(wrapPdfText(word, 50, unit).join("")).toBe(word);
    const prose = Array.from({ length: 500 }, (_, i) => `word${i}`).join(" ");
    const lines = wrapPdfText(prose, 60, unit);
    expect(lines.join(" ")).toBe(prose);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(60);
  });
});

describe("PdfWriter", () => {
  it("measures each glyph once, however long the words (a 4,000-character word used to freeze the server)", async () => {
    const measure = vi.spyOn(PDFFont.prototype, "widthOfTextAtSize");
    const w = await PdfWriter.create();
    const longWord = Array.from({ length: 4_000 }, (_, i) => String.fromCharCode(33 + (i % 90))).join("");
    w.text(longWord);
    w.table(["Check", "Evidence"], [["override", `${longWord} ${"reason ".repeat(300)}`]], [0.3, 0.7]);
    const measuredChars = measure.mock.calls.reduce((sum, [text]) => sum + text.length, 0);
    // 90 distinct characters plus the space, in two fonts.
    expect(measuredChars).toBeLessThanOrEqual(2 * 91);
    const doc = await PDFDocument.load(await w.doc.save());
    expect(doc.getPageCount()).toBeGreaterThan(1);
  });

  it("draws at most PDF_TEXT_LIMIT characters of one text and says how many it left out", async () => {
    const w = await PdfWriter.create();
    const drawn: string[] = [];
    const page = (w as unknown as { page: { drawText: (t: string) => void } }).page;
    vi.spyOn(Object.getPrototypeOf(page), "drawText").mockImplementation((t: unknown) => void drawn.push(String(t)));
    w.text("x".repeat(PDF_TEXT_LIMIT + 1_234));
    expect(drawn.join("").replace(/[^x]/g, "")).toHaveLength(PDF_TEXT_LIMIT);
    expect(drawn.join(" ")).toContain("[1234 more characters: see the JSON report]");
  });

  it("continues a table row taller than a page on the next pages instead of below the bottom edge", async () => {
    const w = await PdfWriter.create();
    const drawn: { text: string; y: number }[] = [];
    const page = (w as unknown as { page: object }).page;
    const drawText = vi.spyOn(Object.getPrototypeOf(page), "drawText");
    drawText.mockImplementation(function (this: unknown, text: unknown, opts: unknown) {
      drawn.push({ text: String(text), y: (opts as { y: number }).y });
    });
    const evidence = "q".repeat(15_000);
    w.table(["Check", "Evidence"], [["protected-mode", evidence]], [0.3, 0.7]);
    expect(w.doc.getPageCount()).toBeGreaterThan(1);
    expect(Math.min(...drawn.map((d) => d.y))).toBeGreaterThanOrEqual(48); // the page margin
    expect(drawn.map((d) => d.text).join("").replace(/[^q]/g, "")).toBe(evidence);
  });
});
