# Sourced by scripts/test.sh: a throwaway PostgreSQL cluster for the tests. initdb in a temp dir
# owned by the postgres user (PostgreSQL refuses to run as root), a free port on 127.0.0.1, the
# unix socket in the same dir; pg_cluster_stop stops it by PID and removes the dir.
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PG_DIR=""; PG_PID=""; PG_URL=""; PG_PORT=""

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_cluster_start() {
  [ -x "$PG_BIN/initdb" ] || { echo "[pg] PostgreSQL is not installed (scripts/setup.sh --with-postgres)"; return 1; }
  PG_DIR=$(mktemp -d /tmp/ferry-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR"
  local port; port=$(node scripts/free-port.mjs); PG_PORT=$port
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log"; return 1; }
  # Throwaway data: no fsync; enough connections for two Vitest workers and their subprocesses.
  as_postgres "$PG_BIN/postgres" -D "$PG_DIR/data" -h 127.0.0.1 -p "$port" -k "$PG_DIR" \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 >"$PG_DIR/postgres.log" 2>&1 &
  PG_PID=$! # the wrapper until the postmaster writes its own PID
  PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
  for _ in $(seq 1 100); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" && PG_PID=$(head -1 "$PG_DIR/data/postmaster.pid") && { echo "[pg] PostgreSQL $(basename "$(dirname "$PG_BIN")") on 127.0.0.1:$port (pid $PG_PID)"; return 0; }
    kill -0 "$PG_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$PG_DIR/postgres.log"; pg_cluster_stop; return 1
}

pg_cluster_stop() {
  if [ -n "$PG_PID" ] && kill -0 "$PG_PID" 2>/dev/null; then
    kill -INT "$PG_PID" # fast shutdown: ends sessions, no checkpoint wait worth keeping
    for _ in $(seq 1 100); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PG_PID" 2>/dev/null
  fi
  [ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
  PG_PID=""; PG_DIR=""
}
