/** Hand-built XML: the lab answers a few fixed shapes, so a library would be more than it needs. */

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** A leaf element; undefined/null values are left out, as AWS leaves out absent members. */
export function leaf(name: string, value: string | number | boolean | Date | undefined | null): string {
  if (value === undefined || value === null) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `<${name}>${escapeXml(text)}</${name}>`;
}

/** An element whose children are already XML. */
export function node(name: string, ...children: string[]): string {
  return `<${name}>${children.join("")}</${name}>`;
}

/** A wrapped list, e.g. <MemberClusters><ClusterId>a</ClusterId></MemberClusters>. */
export function list(name: string, items: string[]): string {
  return `<${name}>${items.join("")}</${name}>`;
}

export type XmlElement = { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string };

/**
 * Parses the small request documents S3 clients send (CompleteMultipartUpload,
 * AccessControlPolicy, OwnershipControls, CreateBucketConfiguration). Throws on malformed input
 * so the caller can answer MalformedXML.
 */
export function parseXml(src: string): XmlElement {
  let i = 0;
  const root: XmlElement = { name: "#root", attrs: {}, children: [], text: "" };
  const stack = [root];
  while (i < src.length) {
    const lt = src.indexOf("<", i);
    if (lt < 0) {
      stack.at(-1)!.text += decode(src.slice(i));
      break;
    }
    stack.at(-1)!.text += decode(src.slice(i, lt));
    const gt = src.indexOf(">", lt);
    if (gt < 0) throw new Error("unterminated tag");
    const raw = src.slice(lt + 1, gt);
    i = gt + 1;
    if (raw.startsWith("?") || raw.startsWith("!")) continue;
    if (raw.startsWith("/")) {
      const closed = stack.pop();
      if (!closed || closed.name !== raw.slice(1).trim().replace(/^\w+:/, "")) throw new Error("mismatched tag");
      continue;
    }
    const selfClosing = raw.endsWith("/");
    const body = selfClosing ? raw.slice(0, -1) : raw;
    const [tagName, ...rest] = body.trim().split(/\s+/);
    const attrs: Record<string, string> = {};
    for (const m of rest.join(" ").matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[m[1]] = decode(m[2]);
    const el: XmlElement = { name: tagName.replace(/^\w+:/, ""), attrs, children: [], text: "" };
    stack.at(-1)!.children.push(el);
    if (!selfClosing) stack.push(el);
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error("not a single-rooted document");
  return root.children[0];
}

function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (named[e]) return named[e];
    return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

export function childText(el: XmlElement, name: string): string | undefined {
  return child(el, name)?.text.trim();
}
