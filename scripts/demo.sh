#!/usr/bin/env bash
# `npm run demo`: install what is missing, build, migrate, start the lab (a local stand-in for
# ElastiCache/CloudWatch/S3 with real Redis) and Ferry on http://127.0.0.1:3000, print how to
# sign in. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
PORT=${PORT:-3000}

node -e 'require("net").createServer().once("error", () => process.exit(1)).listen(+process.argv[1], "127.0.0.1", function () { this.close(); })' "$PORT" \
  || { echo "[demo] port $PORT on 127.0.0.1 is in use: stop what uses it, or run PORT=3001 npm run demo"; exit 1; }
bash scripts/setup.sh
echo "[demo] building Ferry"
npx --no-install next build >/tmp/ferry-demo-build.log 2>&1 || { tail -40 /tmp/ferry-demo-build.log; exit 1; }
node scripts/migrate.mjs

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "[demo] stopping"
  # Each child leads its own process group (setsid), so npx's grandchildren stop too.
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

if [ -f lab/main.ts ]; then
  rm -f data/lab.json
  echo "[demo] starting the lab"
  setsid npx --no-install tsx lab/main.ts &
  pids+=($!)
  for _ in $(seq 1 240); do [ -f data/lab.json ] && break; sleep 0.5; done
  [ -f data/lab.json ] || { echo "[demo] the lab did not start"; exit 1; }
  # Ferry reaches the lab exactly as it reaches AWS: the endpoint is overridden, account A is the
  # default credential chain, account B is the profile "lab-b".
  eval "$(node -e '
    const fs = require("fs");
    const l = require("./data/lab.json");
    const p = (name, a) => `[${name}]\naws_access_key_id = ${a.accessKeyId}\naws_secret_access_key = ${a.secretAccessKey}\n`;
    fs.writeFileSync("data/lab-credentials", p("default", l.accounts.A) + p("lab-a", l.accounts.A) + p("lab-b", l.accounts.B), { mode: 0o600 });
    console.log(`export FERRY_CLOUDWATCH_PERIOD_SECONDS=5 FERRY_ALLOW_HTTP_AWS_ENDPOINTS=1 AWS_ENDPOINT_URL=${l.endpoint} AWS_REGION=${l.region} AWS_SHARED_CREDENTIALS_FILE=$PWD/data/lab-credentials AWS_ACCESS_KEY_ID=${l.accounts.A.accessKeyId} AWS_SECRET_ACCESS_KEY=${l.accounts.A.secretAccessKey}`);
  ')"
fi

creds=$(npx --no-install tsx --conditions=react-server scripts/demo-admin.ts)
[ -f data/lab.json ] && npx --no-install tsx --conditions=react-server scripts/demo-endpoints.ts
email=$(node -e 'console.log(JSON.parse(process.argv[1]).email)' "$creds")
password=$(node -e 'console.log(JSON.parse(process.argv[1]).password)' "$creds")

setsid npx --no-install next start -H 127.0.0.1 -p "$PORT" &
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
