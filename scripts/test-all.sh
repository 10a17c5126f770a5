#!/usr/bin/env bash
# Every check and every test tier, against real PostgreSQL and a real Kafka broker.
#   PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres, trust auth)
#   Kafka: KAFKA_BROKERS if set (an external broker, not killed by the fault test);
#          otherwise deploy/kafka/kafka.sh fetches and starts one on 127.0.0.1:19092.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false
results="$(mktemp -d)"
started_kafka=""

step() { printf '\n=== %s\n' "$*"; }

if [ -z "${KAFKA_BROKERS:-}" ]; then
  if ! bash deploy/kafka/kafka.sh status; then
    step "starting Kafka (deploy/kafka/kafka.sh)"
    bash deploy/kafka/kafka.sh start
    started_kafka=1
  fi
  export KAFKA_BROKERS="127.0.0.1:${KAFKA_PORT:-19092}"
else
  export KAFKA_EXTERNAL=1
fi
cleanup() { if [ -n "$started_kafka" ]; then bash deploy/kafka/kafka.sh stop >/dev/null || true; fi; }
trap cleanup EXIT

step "PostgreSQL"
node -e "
const { Client } = require('pg');
const c = new Client({ connectionString: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres' });
c.connect().then(() => c.query('select version()')).then((r) => { console.log(r.rows[0].version); return c.end(); })
 .catch((e) => { console.error('PostgreSQL is not reachable: ' + e.message + ' (set TEST_DATABASE_URL)'); process.exit(1); });"

step "contracts: buf lint, buf breaking, generated code"
bash scripts/check-contracts.sh
step "console: typed clients match the services' OpenAPI documents"
node -r @swc-node/register scripts/openapi.ts check
step "console: type check and build"
npx tsc -p apps/console/tsconfig.json --noEmit
npx vite build --config apps/console/vite.config.mts --logLevel warn
step "lint and module boundaries"
bash scripts/lint.sh
step "type check"
npx tsc -p tsconfig.json --noEmit
step "migrations match the entities"
node -r @swc-node/register scripts/migrations.ts check

status=0
for tier in unit int e2e; do
  step "tests: $tier"
  npx jest -c "jest.$tier.config.js" --json --outputFile="$results/$tier.json" || status=1
done

node -e "
const fs = require('fs');
let passed = 0, failed = 0;
for (const f of fs.readdirSync('$results')) {
  const r = JSON.parse(fs.readFileSync('$results/' + f, 'utf8'));
  passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  console.log(f.replace('.json', '') + ': ' + r.numPassedTests + ' passed, ' + r.numFailedTests + ' failed');
}
console.log('');
console.log(passed + ' passed, ' + failed + ' failed');
"
exit $status
