// Vitest runs lib/ outside Next.js; the real `server-only` guard is enforced by the Next build.
export {};
