/**
 * Greedy line breaking in one pass: a line's width is kept as a running sum of glyph widths, and
 * a word wider than the column is cut where the running sum says, so the cost grows with the
 * text's length alone (re-measuring every prefix was cubic: a 4,000-character word took 14 s).
 * Spaces break lines; "\n" starts a paragraph. A single glyph wider than the column keeps a line.
 */
export function wrapPdfText(text: string, maxWidth: number, glyphWidth: (ch: string) => number): string[] {
  const lines: string[] = [];
  const space = glyphWidth(" ");
  for (const para of text.split("\n")) {
    let line = "";
    let lineWidth = 0;
    for (const word of para.split(" ")) {
      const widths: number[] = [];
      let wordWidth = 0;
      for (let i = 0; i < word.length; i++) wordWidth += widths[i] = glyphWidth(word[i]);
      if (!line) {
        if (wordWidth <= maxWidth) {
          [line, lineWidth] = [word, wordWidth];
          continue;
        }
      } else if (lineWidth + space + wordWidth <= maxWidth) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
        continue;
      } else {
        lines.push(line);
        if (wordWidth <= maxWidth) {
          [line, lineWidth] = [word, wordWidth];
          continue;
        }
      }
      // A word wider than the column (a long key): cut it where it reaches the edge.
      let start = 0;
      let width = 0;
      for (let i = 0; i < word.length; i++) {
        if (i > start && width + widths[i] > maxWidth) {
          lines.push(word.slice(start, i));
          [start, width] = [i, 0];
        }
        width += widths[i];
      }
      [line, lineWidth] = [word.slice(start), width];
    }
    lines.push(line);
  }
  return lines;
}
