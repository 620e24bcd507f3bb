import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import { wrapPdfText } from "./wrap-pdf-text";

const PAGE = { width: 595.28, height: 841.89, margin: 48 }; // A4 in points

/**
 * The most characters of one paragraph or cell the PDF draws (about 4 pages of 10 pt text, ten
 * times what a form accepts); the rest is named, not drawn. Rows stored before inputs were bounded
 * can be longer than any form allows today.
 */
export const PDF_TEXT_LIMIT = 20_000;

function bounded(text: string): string {
  return text.length <= PDF_TEXT_LIMIT ? text : `${text.slice(0, PDF_TEXT_LIMIT)} [${text.length - PDF_TEXT_LIMIT} more characters: see the JSON report]`;
}

/** Helvetica speaks WinAnsi only: anything else (binary-key escapes are already ASCII) becomes a close ASCII form. */
export function pdfSafe(s: string): string {
  return s
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\u2026/g, "...")
    .replace(/\u2192/g, "->")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, "?");
}

/** A cursor over A4 pages: headings, wrapped paragraphs and simple tables, new pages as needed. */
export class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  private constructor(readonly doc: PDFDocument, private readonly font: PDFFont, private readonly bold: PDFFont) {
    this.newPage();
  }

  static async create(): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    return new PdfWriter(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  private room(h: number): void {
    if (this.y - h < PAGE.margin) this.newPage();
  }

  // Glyph widths at size 1 per font: pdfSafe leaves fewer than 200 distinct characters.
  private readonly glyphWidths = new Map<PDFFont, Map<string, number>>();

  private wrap(text: string, size: number, width: number, font = this.font): string[] {
    let widths = this.glyphWidths.get(font);
    if (!widths) this.glyphWidths.set(font, (widths = new Map()));
    const known = widths;
    // drawText shows glyphs without kerning, so a line is exactly as wide as its glyphs' sum.
    const glyphWidth = (ch: string) => {
      let w = known.get(ch);
      if (w === undefined) known.set(ch, (w = font.widthOfTextAtSize(ch, 1)));
      return w * size;
    };
    return wrapPdfText(pdfSafe(bounded(text)), width, glyphWidth);
  }

  text(text: string, opts: { size?: number; bold?: boolean; color?: RGB; gap?: number } = {}): void {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.font;
    for (const line of this.wrap(text, size, PAGE.width - 2 * PAGE.margin, font)) {
      this.room(size + 3);
      this.y -= size + 3;
      this.page.drawText(line, { x: PAGE.margin, y: this.y, size, font, color: opts.color ?? rgb(0.07, 0.07, 0.07) });
    }
    this.y -= opts.gap ?? 2;
  }

  heading(text: string): void {
    this.room(40);
    this.y -= 10;
    this.text(text, { size: 13, bold: true, gap: 4 });
  }

  /** Columns as fractions of the page width; rows wrap within their cells and split across pages only when taller than one. */
  table(head: string[], rows: string[][], fractions: number[]): void {
    const size = 8;
    const full = PAGE.width - 2 * PAGE.margin;
    const widths = fractions.map((f) => f * full);
    const lineHeight = size + 2;
    const draw = (cells: string[], font: PDFFont) => {
      const wrapped = cells.map((c, i) => this.wrap(c, size, widths[i] - 4, font));
      const count = Math.max(...wrapped.map((w) => w.length));
      // A row taller than a page continues on the next one rather than running off the bottom.
      this.room(Math.min(count * lineHeight + 4, PAGE.height - 2 * PAGE.margin));
      for (let j = 0; j < count; j++) {
        this.room(lineHeight);
        this.y -= lineHeight;
        let x = PAGE.margin;
        wrapped.forEach((lines, i) => {
          if (lines[j]) this.page.drawText(lines[j], { x: x + 2, y: this.y, size, font });
          x += widths[i];
        });
      }
      this.y -= 4;
      this.page.drawLine({ start: { x: PAGE.margin, y: this.y + 1 }, end: { x: PAGE.margin + full, y: this.y + 1 }, thickness: 0.3, color: rgb(0.75, 0.75, 0.75) });
    };
    draw(head, this.bold);
    for (const r of rows.length ? rows : [["None.", ...head.slice(1).map(() => "")]]) draw(r, this.font);
    this.y -= 6;
  }

  banner(text: string, color: RGB): void {
    this.room(34);
    this.page.drawRectangle({ x: PAGE.margin, y: this.y - 30, width: PAGE.width - 2 * PAGE.margin, height: 28, color, opacity: 0.15, borderColor: color, borderWidth: 1.5 });
    this.page.drawText(pdfSafe(text), { x: PAGE.margin + 10, y: this.y - 21, size: 15, font: this.bold, color });
    this.y -= 38;
  }
}
