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
count_json() { # file, jq-free counting of passed/failed in a reporter's JSON
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    if (r.numPassedTests !== undefined) {
      // A file that fails outside any test (hook, import) counts as one failure.
      const broken = r.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed")).length;
      console.log(r.numPassedTests, r.numFailedTests + broken);
    }
    else { const s = r.stats; console.log(s.expected + s.flaky, s.unexpected); }
  ' "$1" 2>/dev/null || echo "0 1"
}

if stage "type-check" npx --no-install tsc --noEmit; then passed=$((passed+1)); else failed=$((failed+1)); fi
if stage "lint" npx --no-install eslint --max-warnings=0 .; then passed=$((passed+1)); else failed=$((failed+1)); fi

rm -f test-results/vitest.json
stage "vitest (unit + integration, real redis-server)" npx --no-install vitest run
read -r p f < <(count_json test-results/vitest.json); passed=$((passed+p)); failed=$((failed+f))

built=0
if stage "build" npx --no-install next build; then
  passed=$((passed+1)); built=1
  rm -f test-results/playwright.json
  E2E_PORT=$(node scripts/free-port.mjs) E2E_LAB_PORT=$(node scripts/free-port.mjs) stage "e2e (Playwright, /usr/bin/chromium)" npx --no-install playwright test
  read -r p f < <(count_json test-results/playwright.json); passed=$((passed+p)); failed=$((failed+f))
else
  failed=$((failed+1))
fi

# The same suite and the online flow on PostgreSQL: a throwaway cluster, stopped by PID at the
# end even on failure or Ctrl-C. Each Vitest file makes its own database in it (test/use-test-db.ts).
source scripts/postgres-cluster.sh
trap pg_cluster_stop EXIT
trap 'pg_cluster_stop; exit 130' INT TERM
if stage "PostgreSQL cluster" pg_cluster_start; then
  rm -f test-results/vitest-postgres.json
  FERRY_TEST_POSTGRES_URL=$PG_URL stage "vitest on PostgreSQL" npx --no-install vitest run --outputFile.json=test-results/vitest-postgres.json
  read -r p f < <(count_json test-results/vitest-postgres.json); passed=$((passed+p)); failed=$((failed+f))
  if [ $built = 1 ]; then
    rm -f test-results/playwright-postgres.json
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres ferry_e2e
    E2E_DATABASE_URL="${PG_URL%/postgres}/ferry_e2e" E2E_REPORT=test-results/playwright-postgres.json \
      E2E_PORT=$(node scripts/free-port.mjs) E2E_LAB_PORT=$(node scripts/free-port.mjs) \
      stage "e2e online flow on PostgreSQL" npx --no-install playwright test e2e/online-flow.spec.ts
    read -r p f < <(count_json test-results/playwright-postgres.json); passed=$((passed+p)); failed=$((failed+f))
  fi
  pg_cluster_stop
else
  failed=$((failed+1))
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
