#!/usr/bin/env bash
# `npm run demo`: install what is missing, build, migrate, start the lab (a local stand-in for
# ElastiCache/CloudWatch/S3 with real Redis) and Ferry on http://127.0.0.1:3000, print how to
# sign in. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
PORT=${PORT:-3000}

bash scripts/setup.sh
echo "[demo] building Ferry"
npx --no-install next build >/tmp/ferry-demo-build.log 2>&1 || { tail -40 /tmp/ferry-demo-build.log; exit 1; }
node scripts/migrate.mjs

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "[demo] stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

if [ -f lab/main.ts ]; then
  rm -f data/lab.json
  echo "[demo] starting the lab"
  npx --no-install tsx lab/main.ts &
  pids+=($!)
  for _ in $(seq 1 240); do [ -f data/lab.json ] && break; sleep 0.5; done
  [ -f data/lab.json ] || { echo "[demo] the lab did not start"; exit 1; }
  eval "$(node -e '
    const l = require("./data/lab.json");
    console.log(`export AWS_ENDPOINT_URL=${l.endpoint} AWS_REGION=${l.region}`);
  ')"
fi

creds=$(npx --no-install tsx --conditions=react-server scripts/demo-admin.ts)
email=$(node -e 'console.log(JSON.parse(process.argv[1]).email)' "$creds")
password=$(node -e 'console.log(JSON.parse(process.argv[1]).password)' "$creds")

npx --no-install next start -H 127.0.0.1 -p "$PORT" &
pids+=($!)
node scripts/wait-http.mjs "http://127.0.0.1:$PORT/api/health" 60

cat <<MSG

  Ferry is running at http://127.0.0.1:$PORT
  Sign in as $email with the one-time password: $password
  (a new password is issued each time the demo starts)
$( [ -f data/lab.json ] && echo "  The lab's endpoints are listed in data/lab.json." )

  Press Ctrl-C to stop everything the demo started.

MSG
wait -n "${pids[@]}"
