#!/usr/bin/env bash
# Lint with the module boundaries enforced. The Nx rule silently skips itself when no project
# graph is cached, so the graph is computed first, and probes prove the rules can fail.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false
npx nx reset >/dev/null 2>&1 || true
npx nx show projects >/dev/null

output=$(npx eslint --max-warnings 0 apps libs test scripts 2>&1) || { echo "$output"; exit 1; }
if grep -q "No cached ProjectGraph" <<<"$output"; then echo "lint: module boundaries were not checked"; exit 1; fi

probe() { # file content expected-message
  mkdir -p "$(dirname "$1")"
  printf '%s\n' "$2" > "$1"
  local out
  if out=$(npx eslint "$1" 2>&1); then rm -f "$1"; echo "lint: the probe $1 passed, but must fail ($3)"; exit 1; fi
  rm -f "$1"
  grep -q "$3" <<<"$out" || { echo "$out"; echo "lint: the probe $1 failed for another reason than: $3"; exit 1; }
}
probe apps/accreditation/src/boundary-probe.ts "import { OPERATOR_REGISTRY } from '@aeo/operator-registry'; export const x = OPERATOR_REGISTRY;" "services talk only through events"
probe libs/contracts/src/boundary-probe.ts "import { loadConfig } from '@aeo/platform'; export const x = loadConfig;" "enforce-module-boundaries"
probe apps/mra-exchange/src/boundary-probe.ts "import { eventually } from '@aeo/testing'; export const x = eventually;" "test code only"
echo "lint: passed, module boundaries enforced (3 probes refused)"
