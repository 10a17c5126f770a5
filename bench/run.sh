#!/usr/bin/env bash
# npm run bench: starts the Kafka broker when KAFKA_BROKERS is not given, then the benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
started=""
if [ -z "${KAFKA_BROKERS:-}" ]; then
  bash deploy/kafka/kafka.sh status || { bash deploy/kafka/kafka.sh start; started=1; }
  export KAFKA_BROKERS="127.0.0.1:${KAFKA_PORT:-19092}"
fi
# The machine's PostgreSQL through its Unix socket when it has one, as a deployment with PostgreSQL on
# the same host should connect (README, "Running it in production"); TEST_DATABASE_URL overrides it.
if [ -z "${TEST_DATABASE_URL:-}" ] && [ -S /var/run/postgresql/.s.PGSQL.5432 ]; then
  export TEST_DATABASE_URL='postgres://postgres@%2Fvar%2Frun%2Fpostgresql/postgres'
fi
trap '[ -n "$started" ] && bash deploy/kafka/kafka.sh stop >/dev/null || true' EXIT
node -r @swc-node/register bench/federation.bench.ts
# The full run (no BENCH_PHASES, no BENCH_TOPOLOGY) measures propagation a second time with each
# administration's services in one process, the demo's topology, and prints it after the first.
if [ -z "${BENCH_TOPOLOGY:-}" ] && [ -z "${BENCH_PHASES:-}" ]; then
  BENCH_TOPOLOGY=administration BENCH_PHASES=propagation node -r @swc-node/register bench/federation.bench.ts
fi
