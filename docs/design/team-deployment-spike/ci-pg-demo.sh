#!/bin/bash
# The .ci/run fragment from DESIGN.md §6, as root, on port 54330 (54329 is the spike's server). apt step skipped: installed here.
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
PORT=${PORT:-54330}
PGTMP=$(mktemp -d /tmp/ace-pg.XXXXXX)
chown postgres:postgres "$PGTMP"
start=$(date +%s.%N)
runuser -u postgres -- "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log"
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w -t 60 start \
  -o "-p $PORT -k $PGTMP -c listen_addresses=127.0.0.1 -c max_connections=100" >/dev/null
trap 'runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$PGTMP"; echo "stopped and removed $PGTMP"' EXIT
echo "initdb + start: $(echo "$(date +%s.%N) - $start" | bc) s"
export ACE_MOCK_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
node -e 'const N=require("/tmp/pgspike/node_modules/pg-native");const c=new N();c.connectSync(process.env.ACE_MOCK_TEST_DATABASE_URL);console.log(c.querySync("select version()")[0].version.slice(0,40));c.end()'
