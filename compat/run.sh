#!/usr/bin/env bash
# Compatibility suite: the official vantage6 4.x Python packages against a fedhub server.
#
#   compat/run.sh [standalone|cluster] [pytest arguments...]
#
# Creates compat/.venv from the pinned requirements when it is missing or they changed, starts
# the chosen server on free loopback ports with a fresh data folder, waits for /api/version,
# runs pytest in compat/, and stops the server. COMPAT_PYTHON picks the interpreter for the
# venv (3.10 or newer; default python3). COMPAT_START_DEADLINE_S bounds the start (default 180);
# COMPAT_SERVER_LOG names a file to keep the server's log in.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

target=standalone
if [ $# -gt 0 ] && [[ $1 != -* ]]; then
  target=$1
  shift
fi
case $target in
  standalone | cluster) ;;
  *)
    echo "unknown target '$target' (standalone or cluster)" >&2
    exit 2
    ;;
esac

source compat/venv.sh
python=$repo/$venv/bin/python

free_port() {
  # Below the ephemeral range, so no outgoing connection takes it before the server binds it.
  "$python" -c '
import random, socket
while True:
    port = random.randint(20000, 32767)
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
    print(port)
    break'
}

work=$(mktemp -d)
server_pid=
database=
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    # The server runs in its own process group (setsid), so this ends it and its children only.
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  if [ -n "${COMPAT_SERVER_LOG:-}" ] && [ -f "$work/server.log" ]; then
    cat "$work/server.log" "$work"/replicas/*.log >"$COMPAT_SERVER_LOG" 2>/dev/null || true
  fi
  if [ -n "$database" ] && command -v psql >/dev/null 2>&1; then
    psql "$pg_url/postgres" -qc "drop database if exists $database with (force)" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap stop_server EXIT

port=$(free_port)
root_password="compat-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
log=$work/server.log
export FEDHUB_DATA_DIR=$work/data FEDHUB_ROOT_PASSWORD=$root_password FEDHUB_PORT=$port
export FEDHUB_METRICS_PORT
FEDHUB_METRICS_PORT=$(free_port)
case $target in
  standalone) command=(node packages/cli/bin/fedhub.mjs start --host 127.0.0.1) ;;
  cluster)
    # A database, Redis key prefix and NATS namespace of its own: nothing of an earlier or
    # concurrent run (cached token versions, events, identity lookups) reaches this one.
    run_id=$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
    database=fedhub_compat_$run_id
    export FEDHUB_REDIS_KEY_PREFIX="compat-$run_id:" FEDHUB_NATS_NAMESPACE="compat$run_id"
    pg_url=${FEDHUB_TEST_PG_URL:-postgresql://postgres@127.0.0.1:5432}
    command=(node packages/cli/bin/fedhub.mjs cluster --host 127.0.0.1 --port "$port"
      --db-uri "$pg_url/$database" --redis-url "${FEDHUB_TEST_REDIS_URL:-redis://127.0.0.1:6379}"
      --nats-url "${FEDHUB_TEST_NATS_URL:-nats://127.0.0.1:4222}" --data-dir "$work/cluster"
      --log-dir "$work/replicas")
    ;;
esac
echo "compat: starting $target on 127.0.0.1:$port"
begun=$SECONDS
setsid "${command[@]}" >"$log" 2>&1 &
server_pid=$!

deadline=$((SECONDS + ${COMPAT_START_DEADLINE_S:-180}))
until curl -fsS "http://127.0.0.1:$port/api/version" >/dev/null 2>&1; do
  if ! kill -0 "$server_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    echo "compat: the $target server did not answer /api/version; its log:" >&2
    tail -n 60 "$log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "compat: server up after $((SECONDS - begun)) s"

status=0
(
  cd compat
  COMPAT_HOST=http://127.0.0.1 COMPAT_PORT=$port COMPAT_API_PATH=/api \
    COMPAT_ROOT_USER=root COMPAT_ROOT_PASSWORD=$root_password \
    "$python" -m pytest --basetemp="$work/pytest" "$@"
) || status=$?
if [ $status -ne 0 ]; then
  echo "compat: pytest failed ($status); last lines of the $target server log:" >&2
  tail -n 40 "$log" >&2
fi
exit $status
