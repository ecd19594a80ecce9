#!/usr/bin/env bash
# Creates PointSaga's and Temporal's databases on one PostgreSQL server.
#
# Run by the official postgres image from /docker-entrypoint-initdb.d, once, when the data
# volume is empty (a later change of these variables needs `docker compose down -v`, or the
# same statements run by hand). Roles and passwords come from the environment:
#   POINTSAGA_DB_USER / POINTSAGA_DB_PASSWORD  owner of `pointsaga` (the ledger; Flyway
#                                             migrates it when the worker or starter starts)
#   TEMPORAL_DB_USER  / TEMPORAL_DB_PASSWORD   owner of `temporal` and `temporal_visibility`
#                                             (schema set up by the temporal-schema job)
# Safe to run twice: existing roles and databases are left as they are.
set -euo pipefail

: "${POINTSAGA_DB_USER:=pointsaga}" "${POINTSAGA_DB_PASSWORD:=pointsaga}"
: "${TEMPORAL_DB_USER:=temporal}" "${TEMPORAL_DB_PASSWORD:=temporal}"

# psql with the superuser over the entrypoint's local socket; stop at the first error.
run_psql() {
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" \
       --dbname "${POSTGRES_DB:-postgres}" "$@"
}

# create_role NAME PASSWORD [EXTRA]: creates a login role, or only sets its password if it exists.
create_role() {
  run_psql --set=role_name="$1" --set=role_password="$2" --set=role_extra="${3:-}" <<'SQL'
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role_name') AS role_missing \gset
\if :role_missing
  CREATE ROLE :"role_name" LOGIN;
\endif
ALTER ROLE :"role_name" WITH LOGIN PASSWORD :'role_password' :role_extra;
SQL
}

# create_database NAME OWNER: creates the database owned by OWNER unless it exists.
create_database() {
  run_psql --set=db_name="$1" --set=db_owner="$2" <<'SQL'
SELECT NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db_name') AS db_missing \gset
\if :db_missing
  CREATE DATABASE :"db_name" OWNER :"db_owner" ENCODING 'UTF8';
\endif
SQL
}

create_role "$POINTSAGA_DB_USER" "$POINTSAGA_DB_PASSWORD"
create_database pointsaga "$POINTSAGA_DB_USER"

# CREATEDB lets temporal-sql-tool's `create` step work against a server without this script.
create_role "$TEMPORAL_DB_USER" "$TEMPORAL_DB_PASSWORD" CREATEDB
create_database temporal "$TEMPORAL_DB_USER"
create_database temporal_visibility "$TEMPORAL_DB_USER"

echo "init-databases: pointsaga (owner ${POINTSAGA_DB_USER}), temporal and temporal_visibility (owner ${TEMPORAL_DB_USER}) ready"
