/**
 * The Content-Security-Policy of every page: scripts only from Ferry itself, each carrying this
 * request's nonce (Next.js adds it to its own scripts when it finds the policy on the request),
 * and 'strict-dynamic' so what they load is trusted too. Styles allow inline: React's style
 * props and uPlot set them, and CSS cannot run code. Nothing may frame Ferry.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its stack traces; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
