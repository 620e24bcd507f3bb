// Runs once when the Next.js server starts. The environment is checked before anything that
// reads it at import time is loaded, so a bad setting stops start-up with one clear line.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exitOnBadEnv } = await import("./lib/env");
  exitOnBadEnv();
  // Before any request is served: routes learn the socket's address only through this stamp.
  const { installPeerStamp } = await import("./lib/net/peer-stamp");
  installPeerStamp();
  const { boot } = await import("./lib/boot");
  await boot();
}
