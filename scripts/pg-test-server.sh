#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests: data in a temporary directory (in memory when there is
# room), listening only on 127.0.0.1, owned by a non-root user (the `postgres` account when run as root).
#
#   eval "$(scripts/pg-test-server.sh start [port])"   # (first free port from 55432) exports FLASHFUSION_TEST_DATABASE_URL, FLASHFUSION_PG_DIR
#   scripts/pg-test-server.sh stop "$FLASHFUSION_PG_DIR"
#
# Durability is switched off (fsync, full-page writes): the data lives only as long as the run.
# The data directory is in memory (/dev/shm) when it has room: tests create and drop a database
# each, which is mostly creating and removing files — several times faster there than on disk.
# FLASHFUSION_PG_TMPDIR chooses the parent directory instead.
set -euo pipefail

# The parent of the server's directory: FLASHFUSION_PG_TMPDIR, else /dev/shm with 1 GiB free, else $TMPDIR or /tmp.
parentdir() {
  if [[ -n "${FLASHFUSION_PG_TMPDIR:-}" ]]; then echo "$FLASHFUSION_PG_TMPDIR"; return; fi
  local free
  if [[ -d /dev/shm && -w /dev/shm ]]; then
    free=$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')
    if [[ "$free" =~ ^[0-9]+$ && "$free" -ge 1048576 ]]; then echo /dev/shm; return; fi
  fi
  echo "${TMPDIR:-/tmp}"
}

bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z "$dir" && -x "$(command -v pg_ctl || true)" ]]; then dir=$(dirname "$(command -v pg_ctl)"); fi
  [[ -n "$dir" ]] || { echo "no PostgreSQL server binaries found: apt-get install -y postgresql" >&2; exit 1; }
  echo "$dir"
}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    port=${2:-}
    if [[ -z "$port" ]]; then
      # The first free loopback port from 55432 on.
      for candidate in $(seq 55432 55531); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
      done
      [[ -n "$port" ]] || { echo "no free port in 55432-55531" >&2; exit 1; }
    fi
    bin=$(bindir)
    dir=$(mktemp -d "$(parentdir)/flashfusion-pg.XXXXXX")
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U flashfusion --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
      "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_wal_size=256MB" >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U flashfusion flashfusion
    echo "export FLASHFUSION_PG_DIR=$dir"
    echo "export FLASHFUSION_TEST_DATABASE_URL=postgres://flashfusion@127.0.0.1:$port/flashfusion"
    ;;
  stop)
    dir=${2:?usage: pg-test-server.sh stop DIR}
    [[ -d "$dir/data" ]] || { echo "no server directory at $dir" >&2; exit 1; }
    as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start [port] | stop DIR" >&2
    exit 2
    ;;
esac
