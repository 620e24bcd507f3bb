#!/usr/bin/env bash
# `npm test`: set up, then type-check, lint, Vitest (real redis-server), build, Playwright (Debian
# chromium), then Vitest and the online-flow spec again on a throwaway PostgreSQL cluster.
# Ends with "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/setup.sh --with-browser --with-postgres || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

mkdir -p test-results
passed=0; failed=0
stage() { # name, command...
  local name=$1; shift
  local t0=$SECONDS
  echo; echo "=== $name"
  if "$@"; then echo "--- $name ok ($((SECONDS - t0)) s)"; return 0; fi
  echo "--- $name FAILED ($((SECONDS - t0)) s)"; return 1
}
# Outside test-results/, which Playwright empties when it starts.
failures=$(mktemp)
trap 'rm -f "$failures"' EXIT
count_json() { # file, stage name: prints "passed failed" from a reporter's JSON; names each failure in $failures
  node -e '
    const fs = require("fs");
    const [file, stageName, failures] = process.argv.slice(1);
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    const names = [];
    // The first lines of why a test failed, so the summary at the end of a long log says it too.
    const why = (message) => {
      const lines = String(message ?? "").replace(/\x1b\[[0-9;]*m/g, "").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("at ")).slice(0, 3);
      return lines.length ? `\n      ${lines.join("\n      ").slice(0, 400)}` : "";
    };
    let counts;
    if (r.numPassedTests !== undefined) {
      // A file that fails outside any test (hook, import) counts as one failure.
      const broken = r.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"));
      for (const f of r.testResults) for (const a of f.assertionResults) if (a.status === "failed") names.push(`${f.name} > ${a.fullName}${why(a.failureMessages?.[0])}`);
      for (const f of broken) names.push(`${f.name} (${(f.message || "failed outside a test").split("\n")[0]})`);
      counts = [r.numPassedTests, r.numFailedTests + broken.length];
    } else {
      const walk = (suite) => {
        for (const spec of suite.specs ?? []) if (!spec.ok) names.push(`${spec.file} > ${spec.title}${why(spec.tests?.flatMap((t) => t.results ?? []).find((x) => x.error)?.error?.message)}`);
        for (const child of suite.suites ?? []) walk(child);
      };
      for (const suite of r.suites ?? []) walk(suite);
      counts = [r.stats.expected + r.stats.flaky, r.stats.unexpected];
    }
    for (const n of names) fs.appendFileSync(failures, `[${stageName}] ${n.replace(process.cwd() + "/", "")}\n`);
    console.log(counts[0], counts[1]);
  ' "$1" "$2" "$failures" 2>/dev/null || { echo "[$2] no report ($1)" >> "$failures"; echo "0 1"; }
}

if stage "type-check" npx --no-install tsc --noEmit; then passed=$((passed+1)); else failed=$((failed+1)); echo "[type-check]" >> "$failures"; fi
if stage "lint" npx --no-install eslint --max-warnings=0 .; then passed=$((passed+1)); else failed=$((failed+1)); echo "[lint]" >> "$failures"; fi

rm -f test-results/vitest.json
stage "vitest (unit + integration, real redis-server)" npx --no-install vitest run
read -r p f < <(count_json test-results/vitest.json "vitest"); passed=$((passed+p)); failed=$((failed+f))

built=0
if stage "build" npx --no-install next build; then
  passed=$((passed+1)); built=1
  rm -f test-results/playwright.json
  E2E_PORT=$(node scripts/free-port.mjs) E2E_LAB_PORT=$(node scripts/free-port.mjs) stage "e2e (Playwright, /usr/bin/chromium)" npx --no-install playwright test
  read -r p f < <(count_json test-results/playwright.json "e2e"); passed=$((passed+p)); failed=$((failed+f))
else
  failed=$((failed+1)); echo "[build]" >> "$failures"
fi

# The same suite and the online flow on PostgreSQL: a throwaway cluster, stopped by PID at the
# end even on failure or Ctrl-C. Each Vitest file makes its own database in it (test/use-test-db.ts).
source scripts/postgres-cluster.sh
trap 'pg_cluster_stop; rm -f "$failures"' EXIT
trap 'pg_cluster_stop; exit 130' INT TERM
if stage "PostgreSQL cluster" pg_cluster_start; then
  rm -f test-results/vitest-postgres.json
  FERRY_TEST_POSTGRES_URL=$PG_URL stage "vitest on PostgreSQL" npx --no-install vitest run --outputFile.json=test-results/vitest-postgres.json
  read -r p f < <(count_json test-results/vitest-postgres.json "vitest on PostgreSQL"); passed=$((passed+p)); failed=$((failed+f))
  if [ $built = 1 ]; then
    rm -f test-results/playwright-postgres.json
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres ferry_e2e
    E2E_DATABASE_URL="${PG_URL%/postgres}/ferry_e2e" E2E_REPORT=test-results/playwright-postgres.json \
      E2E_PORT=$(node scripts/free-port.mjs) E2E_LAB_PORT=$(node scripts/free-port.mjs) \
      stage "e2e online flow on PostgreSQL" npx --no-install playwright test e2e/online-flow.spec.ts
    read -r p f < <(count_json test-results/playwright-postgres.json "e2e on PostgreSQL"); passed=$((passed+p)); failed=$((failed+f))
  fi
  pg_cluster_stop
else
  failed=$((failed+1)); echo "[PostgreSQL cluster]" >> "$failures"
fi

echo
if [ -s "$failures" ]; then echo "failed:"; sed 's/^/  /' "$failures"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
