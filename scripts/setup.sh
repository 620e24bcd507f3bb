#!/usr/bin/env bash
# Installs what Ferry needs on a fresh Debian machine (idempotent, fast when nothing is missing):
# Debian packages (redis-server; chromium with --with-browser; postgresql with --with-postgres),
# npm packages, the Prisma clients (SQLite, and PostgreSQL from prisma/postgresql/schema.prisma).
set -euo pipefail
cd "$(dirname "$0")/.."

with_browser=0; with_postgres=0
for arg in "$@"; do
  [ "$arg" = "--with-browser" ] && with_browser=1
  [ "$arg" = "--with-postgres" ] && with_postgres=1
done

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
[ $with_browser = 1 ] && [ ! -x /usr/bin/chromium ] && need+=(chromium)
[ $with_postgres = 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "[setup] installing Debian packages: ${need[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# Debian starts a system redis on 6379 (and a PostgreSQL cluster on 5432) when it installs the
# package; Ferry never uses them: the tests start their own throwaway servers.

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] installing npm packages"
  # `npm install` (not `npm ci`) because npm 11 leaves other platforms' optional binaries out of
  # the lock file and `npm ci` then refuses it; with the lock file present the versions are the same.
  npm install --no-audit --no-fund --loglevel=error
fi
if [ ! -f node_modules/.prisma/client/index.js ] || [ prisma/schema.prisma -nt node_modules/.prisma/client/index.js ]; then
  echo "[setup] generating the Prisma client"
  npx --no-install prisma generate >/dev/null
fi
if [ ! -f node_modules/.prisma/client-pg/index.js ] || [ prisma/postgresql/schema.prisma -nt node_modules/.prisma/client-pg/index.js ]; then
  echo "[setup] generating the PostgreSQL Prisma client"
  # The URL only selects the PostgreSQL schema in prisma.config.ts; nothing connects to it.
  DATABASE_URL=postgresql://generate@127.0.0.1/unused npx --no-install prisma generate >/dev/null
fi
