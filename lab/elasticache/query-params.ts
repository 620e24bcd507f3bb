import { ApiError, invalidParameterValue, missingParameter } from "../http/api-error";

/**
 * Reads AWS Query form parameters as the SDK flattens them:
 * `CustomerNodeEndpointList.member.1.Address`, `SnapshotArns.SnapshotArn.1`, `MultiAZEnabled=true`.
 */
export class QueryParams {
  constructor(private readonly p: URLSearchParams) {}

  str(name: string): string | undefined {
    return this.p.get(name) ?? undefined;
  }

  required(name: string): string {
    const v = this.p.get(name);
    if (v === null || v === "") throw missingParameter(name);
    return v;
  }

  bool(name: string): boolean | undefined {
    const v = this.p.get(name);
    if (v === null) return undefined;
    if (v !== "true" && v !== "false") throw invalidParameterValue(`Invalid boolean value for ${name}: ${v}`);
    return v === "true";
  }

  int(name: string): number | undefined {
    const v = this.p.get(name);
    if (v === null) return undefined;
    if (!/^-?\d+$/.test(v)) throw invalidParameterValue(`Invalid integer value for ${name}: ${v}`);
    return Number(v);
  }

  date(name: string): Date | undefined {
    const v = this.p.get(name);
    if (v === null) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) throw invalidParameterValue(`Invalid timestamp for ${name}: ${v}`);
    return d;
  }

  /** A list of scalars: `Name.<member>.N`. */
  list(name: string): string[] {
    const re = new RegExp(`^${escapeRe(name)}\\.[^.]+\\.(\\d+)$`);
    return this.entries()
      .flatMap(([k, v]) => {
        const m = k.match(re);
        return m ? [[Number(m[1]), v] as const] : [];
      })
      .sort((a, b) => a[0] - b[0])
      .map(([, v]) => v);
  }

  /** A list of structures: `Name.<member>.N.Field`. */
  structList(name: string): Record<string, string>[] {
    const re = new RegExp(`^${escapeRe(name)}\\.[^.]+\\.(\\d+)\\.(.+)$`);
    const byIndex = new Map<number, Record<string, string>>();
    for (const [k, v] of this.entries()) {
      const m = k.match(re);
      if (!m) continue;
      const rec = byIndex.get(Number(m[1])) ?? {};
      rec[m[2]] = v;
      byIndex.set(Number(m[1]), rec);
    }
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  }

  private entries(): [string, string][] {
    return [...this.p.entries()];
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** AWS's rule for replication group / snapshot identifiers, returned lower-cased as AWS stores them. */
export function validIdentifier(kind: string, value: string): string {
  if (!/^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,39}$/.test(value) || value.endsWith("-")) {
    throw new ApiError(
      "InvalidParameterValue",
      `${kind} must begin with a letter; must contain only ASCII letters, digits, and hyphens; must not end with a hyphen or contain two consecutive hyphens.`,
    );
  }
  return value.toLowerCase();
}
