/**
 * Why a host field is not a host: operators paste connection strings (`redis://user:pass@h:6379`)
 * or console URLs; the port, user and TLS have their own fields, and a URL would leak a password
 * into the row and the audit log.
 */
export function hostProblem(host: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(host);
  if (scheme) return `Enter only the host name or address, not a ${scheme[1].toLowerCase()}:// URL; port, user, password and TLS have their own fields.`;
  if (/[\s/@]/.test(host)) return "A host name or address has no spaces, slashes or @.";
  if (/:\d+$/.test(host) && !host.includes("::")) return "Put the port in the Port field, not after the host.";
  return undefined;
}
