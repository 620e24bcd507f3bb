/**
 * One RFC 4180 field. Cells a spreadsheet would run as a formula (starting with = + - @, or a
 * tab/CR that some apps strip first) get a leading apostrophe, OWASP's CSV-injection guard;
 * fields with a comma, quote or line break are quoted with inner quotes doubled.
 */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: (string | number)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
