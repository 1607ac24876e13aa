#!/usr/bin/env bash
# Makes sure the local PostgreSQL cluster is running, so that `make test` can run the platform's tests
# on PostgreSQL too (pytest-django creates and drops its own test database). Idempotent.
# Expects the Debian cluster layout (/etc/postgresql/<version>/main) and trust auth on 127.0.0.1.
set -euo pipefail
HOST=${PGHOST:-127.0.0.1}
PORT=${PGPORT:-5432}

ready() { pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; }

if ready; then
  exit 0
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /etc/postgresql ]; then
  echo "postgres.sh: PostgreSQL is not installed here (no pg_ctlcluster or /etc/postgresql)" >&2
  exit 1
fi
version=$(ls /etc/postgresql | sort -V | tail -n1)
echo "postgres.sh: starting PostgreSQL $version/main"
if [ "$(id -u)" = 0 ]; then
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
else
  sudo -n pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
fi
for _ in $(seq 1 30); do
  ready && exit 0
  sleep 1
done
echo "postgres.sh: PostgreSQL did not answer on $HOST:$PORT within 30 s" >&2
exit 1
