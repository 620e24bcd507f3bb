import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from "pdf-lib";

const PAGE = { width: 595.28, height: 841.89, margin: 48 }; // A4 in points

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

  private wrap(text: string, size: number, width: number, font = this.font): string[] {
    const lines: string[] = [];
    for (const para of pdfSafe(text).split("\n")) {
      let line = "";
      for (const word of para.split(" ")) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        // A word wider than the column (a long key): cut it by characters.
        let rest = word;
        while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
          let n = rest.length;
          while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > width) n--;
          lines.push(rest.slice(0, n));
          rest = rest.slice(n);
        }
        line = rest;
      }
      lines.push(line);
    }
    return lines;
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

  /** Columns as fractions of the page width; rows wrap within their cells and never split across pages. */
  table(head: string[], rows: string[][], fractions: number[]): void {
    const size = 8;
    const full = PAGE.width - 2 * PAGE.margin;
    const widths = fractions.map((f) => f * full);
    const draw = (cells: string[], font: PDFFont) => {
      const wrapped = cells.map((c, i) => this.wrap(c, size, widths[i] - 4, font));
      const h = Math.max(...wrapped.map((w) => w.length)) * (size + 2) + 4;
      this.room(h);
      let x = PAGE.margin;
      wrapped.forEach((lines, i) => {
        lines.forEach((line, j) => this.page.drawText(line, { x: x + 2, y: this.y - (j + 1) * (size + 2), size, font }));
        x += widths[i];
      });
      this.y -= h;
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
