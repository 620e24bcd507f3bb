// Waits until a URL answers 2xx (default 60 s); exits 1 on timeout.
const [url, seconds = "60"] = process.argv.slice(2);
const deadline = Date.now() + Number(seconds) * 1000;
while (Date.now() < deadline) {
  const ok = await fetch(url).then((r) => r.ok, () => false);
  if (ok) process.exit(0);
  await new Promise((r) => setTimeout(r, 300));
}
console.error(`[ferry] ${url} did not answer within ${seconds} s`);
process.exit(1);
