#!/bin/sh
# Starts the host's PostgreSQL in a container the way the postgres:15 image does for
# deploy/compose.yml: on the first start (an empty data directory) initdb with POSTGRES_USER and
# POSTGRES_PASSWORD and create POSTGRES_DB; then run the server in the foreground on PGPORT.
set -eu

bin=${PERFFLEET_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
data=${PGDATA:-/var/lib/postgresql/data}
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"

if [ ! -x "$bin/postgres" ]; then
  echo "no PostgreSQL server at $bin: install postgresql-15 on the host (its /usr is mounted here) or set PERFFLEET_POSTGRES_BIN" >&2
  exit 1
fi

if [ ! -s "$data/PG_VERSION" ]; then
  # The password goes through a file, never the command line (ps would show it).
  pwfile=$(mktemp)
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  "$bin/initdb" -D "$data" -U "$POSTGRES_USER" --pwfile="$pwfile" -E UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256
  rm -f "$pwfile"
  # Like the postgres image: password logins from any address (listen_addresses limits where from).
  echo "host all all all scram-sha-256" >> "$data/pg_hba.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    db=$(printf '%s' "$POSTGRES_DB" | sed 's/"/""/g')
    echo "CREATE DATABASE \"$db\"" | "$bin/postgres" --single -D "$data" postgres > /dev/null
  fi
  echo "initialised $data with database $POSTGRES_DB"
fi

# PGPORT (set by compose.yml) is the server's port; the socket goes to /tmp (PGHOST) because
# the image has no /var/run/postgresql.
exec "$bin/postgres" -D "$data" -c "listen_addresses=${PERFFLEET_DB_LISTEN_ADDRESSES:-*}" -c unix_socket_directories=/tmp
