#!/bin/sh
# Debian's PostgreSQL 15 in a container, set up on first start the way the official postgres image
# is: POSTGRES_USER (superuser), POSTGRES_PASSWORD, POSTGRES_DB; then listening on all addresses of
# the container's networks, passwords checked with scram-sha-256.
set -eu
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
BIN=/usr/lib/postgresql/15/bin

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  "$BIN/initdb" -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != "postgres" ]; then
    echo "CREATE DATABASE \"$POSTGRES_DB\" OWNER \"$POSTGRES_USER\";" \
      | "$BIN/postgres" --single -D "$PGDATA" -j postgres >/dev/null
  fi
fi

exec "$BIN/postgres" -D "$PGDATA" -c listen_addresses='*' "$@"
