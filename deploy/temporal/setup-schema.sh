#!/bin/sh
# Sets up (or upgrades) Temporal's PostgreSQL schema: the one-shot `temporal-schema` service,
# run in temporalio/admin-tools before temporalio/server starts. Every step is idempotent:
#   create        succeeds when the database exists too (deploy/postgres/init-databases.sh made
#                 it): the tool ignores PostgreSQL's duplicate-database error. It still needs the
#                 CREATEDB privilege, which init-databases.sh grants; any failure stops the job
#   setup-schema  -v 0.0 only writes the version tables; it skips a database already past 0.0
#   update-schema applies the versioned migrations the database does not have yet, so a newer
#                 admin-tools/server tag upgrades an existing volume in place
# Environment (the same names temporalio/server reads): POSTGRES_SEEDS, DB_PORT, POSTGRES_USER,
# POSTGRES_PWD, DBNAME, VISIBILITY_DBNAME.
set -eu

: "${POSTGRES_SEEDS:?POSTGRES_SEEDS must name the PostgreSQL host}"
: "${DB_PORT:=5432}"
: "${POSTGRES_USER:?POSTGRES_USER must be set}"
: "${POSTGRES_PWD:?POSTGRES_PWD must be set}"
: "${DBNAME:=temporal}"
: "${VISIBILITY_DBNAME:=temporal_visibility}"
SCHEMA_ROOT=${TEMPORAL_SCHEMA_ROOT:-/etc/temporal/schema/postgresql/v12}

# temporal-sql-tool reads the password from SQL_PASSWORD (kept off the command line).
SQL_PASSWORD=$POSTGRES_PWD
export SQL_PASSWORD

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"
}

# Compose starts this job once postgres is healthy; the wait covers a slower external server.
if command -v nc >/dev/null 2>&1; then
  echo "temporal-schema: waiting for PostgreSQL at $POSTGRES_SEEDS:$DB_PORT"
  tries=0
  until nc -z "$POSTGRES_SEEDS" "$DB_PORT"; do
    tries=$((tries + 1))
    if [ "$tries" -ge 60 ]; then
      echo "temporal-schema: PostgreSQL did not answer after $tries tries" >&2
      exit 1
    fi
    sleep 2
  done
fi

# setup DATABASE SCHEMA_DIR
setup() {
  db=$1
  dir=$2
  echo "temporal-schema: database $db"
  sql_tool --db "$db" create
  sql_tool --db "$db" setup-schema -v 0.0
  sql_tool --db "$db" update-schema -d "$dir"
}

setup "$DBNAME" "$SCHEMA_ROOT/temporal/versioned"
setup "$VISIBILITY_DBNAME" "$SCHEMA_ROOT/visibility/versioned"
echo "temporal-schema: $DBNAME and $VISIBILITY_DBNAME are up to date"
