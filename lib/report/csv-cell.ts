/**
 * A cell for tools rather than people, written exactly: the `key_base64` column. The base64
 * alphabet (letters, digits, + / =) cannot spell a function call, so a cell such as `+EE=` is
 * no injection risk, while a guard apostrophe would make it decode to other bytes.
 */
export type TCsvLiteral = { literal: string };

export function csvLiteral(value: string): TCsvLiteral {
  return { literal: value };
}

const FORMULA_START = /^[=@\t\r]/;
const SIGNED = /^[+-]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Whether a spreadsheet would run the cell as a formula: it starts with = or @ (or a tab/CR some
 * apps strip first), or with + or - and is not just a signed number (`-12` stays a number).
 */
export function readsAsFormula(s: string): boolean {
  return FORMULA_START.test(s) || (SIGNED.test(s) && !PLAIN_NUMBER.test(s));
}

/**
 * One RFC 4180 field. Text a spreadsheet would run as a formula gets a leading apostrophe,
 * OWASP's CSV-injection guard; fields with a comma, quote or line break are quoted with inner
 * quotes doubled.
 */
export function csvCell(value: string | number | TCsvLiteral): string {
  let s: string;
  if (typeof value === "object") s = value.literal;
  else s = typeof value === "string" && readsAsFormula(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: (string | number | TCsvLiteral)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
