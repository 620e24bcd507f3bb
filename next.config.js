/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", ".prisma/client-pg", "ioredis"],
  poweredByHeader: false,
  // Lets several checkouts or engineers build side by side (NEXT_DIST_DIR=.next-x).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm test` type-checks the whole project (app, lib, lab, tests) once with tsc; the build
  // need not do it a second time on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
  // The Content-Security-Policy (with its per-request nonce) comes from proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          // For browsers that predate CSP frame-ancestors.
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};
module.exports = nextConfig;
