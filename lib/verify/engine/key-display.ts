const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Printable form of a binary key or member for reports and logs. Valid UTF-8 stays readable;
 * control characters, backslashes and invalid bytes are escaped so a key can never break a CSV
 * row, a log line or an HTML table. Long keys are cut with their byte length shown.
 */
export function displayKey(key: Buffer, maxChars = 200): string {
  let text: string;
  try {
    text = escapeControls(utf8.decode(key));
  } catch {
    text = escapeBytes(key);
  }
  return text.length > maxChars ? `${text.slice(0, maxChars)}…(${key.length} bytes)` : text;
}

function escapeControls(s: string): string {
  // C0/C1 controls, DEL, backslash, and bidi overrides that could disguise a key in a report.
  return s.replace(/[\u0000-\u001f\u007f-\u009f\\\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === "\\") return "\\\\";
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

function escapeBytes(key: Buffer): string {
  let out = "";
  for (const b of key) {
    if (b === 0x5c) out += "\\\\";
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x09) out += "\\t";
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return out;
}
