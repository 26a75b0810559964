#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the store tests and print its SQLAlchemy URL on stdout.
#
#   export INTERVIEW_SIM_TEST_POSTGRES_URL="$(.ci/start_postgres.sh)"
#
# Installs nothing: it needs the server binaries of Debian's `postgresql` package (or PG_BIN pointing at a
# bin/ folder). The cluster lives in a fresh temp dir, trusts local connections, listens on 127.0.0.1 only
# (plus a unix socket inside the temp dir) on a free port, and holds one database. Everything but the URL
# goes to stderr; the last stderr line says how to stop it.
#
# fsync is off: the cluster is thrown away after the run, and the tests kill clients, never the server.
# Set INTERVIEW_SIM_PG_FSYNC=on to measure realistic commit latency (benchmarks/bench_store.py).
set -euo pipefail

DB_NAME="${INTERVIEW_SIM_PG_DB:-interview_sim_test}"
FSYNC="${INTERVIEW_SIM_PG_FSYNC:-off}"

log() { echo "start_postgres: $*" >&2; }

if [[ -z "${PG_BIN:-}" ]]; then
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
fi
if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" ]]; then
    log "no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin)."
    log "install them with: apt-get install -y postgresql   (or set PG_BIN=/path/to/bin)"
    exit 1
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/interview-sim-pg.XXXXXX")"
DATA="$WORK/data"

# initdb refuses to run as root: run the server as the `postgres` system user when we are root.
if [[ "$(id -u)" -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
        log "running as root but there is no 'postgres' user to run the server as."
        exit 1
    fi
    chown postgres: "$WORK"
    chmod 700 "$WORK"
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$WORK/initdb.log" 2>&1 || {
    cat "$WORK/initdb.log" >&2
    log "initdb failed (log above)."
    exit 1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A random start spreads concurrent CI jobs apart; a port taken between the check and the bind just
# makes pg_ctl fail, and we try the next one.
PORT=$((20000 + RANDOM % 30000))
STARTED=""
for _ in $(seq 1 20); do
    if ! port_in_use "$PORT"; then
        if as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$WORK/server.log" -w -t 60 start \
            -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$WORK -c fsync=$FSYNC -c max_connections=200" \
            >/dev/null 2>&1; then
            STARTED=1
            break
        fi
    fi
    PORT=$((PORT + 1))
done
if [[ -z "$STARTED" ]]; then
    cat "$WORK/server.log" >&2 || true
    log "could not start PostgreSQL on any port tried (server log above)."
    exit 1
fi

as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB_NAME" >&2

log "cluster in $WORK, port $PORT, database $DB_NAME"
log "stop it with: $( [[ "$(id -u)" -eq 0 ]] && echo 'runuser -u postgres -- ')$PG_BIN/pg_ctl -D $DATA stop -m fast && rm -rf $WORK"
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/$DB_NAME"
