#!/usr/bin/env bash
# Makes sure a local Redis answers on 127.0.0.1:6379 (or REDIS_PORT), so that `make test` runs the
# limits' tests on the real shared store. Idempotent; nothing is persisted (no RDB, no AOF).
set -euo pipefail
PORT=${REDIS_PORT:-6379}

ready() { redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; }

if ready; then
  exit 0
fi
if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis.sh: redis-server is not installed (Debian package redis-server, see scripts/apt-packages.txt)" >&2
  exit 1
fi
echo "redis.sh: starting redis-server on 127.0.0.1:$PORT"
redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$PORT" --save "" --appendonly no
for _ in $(seq 1 30); do
  ready && exit 0
  sleep 0.5
done
echo "redis.sh: Redis did not answer on 127.0.0.1:$PORT within 15 s" >&2
exit 1
