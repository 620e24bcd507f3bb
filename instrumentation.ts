// Runs once when the Next.js server starts. The Node-only work lives in lib/boot.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("./lib/boot");
    await boot();
  }
}
