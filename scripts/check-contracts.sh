#!/usr/bin/env bash
# The schema in proto/ is the source of truth: lint it, refuse breaking changes against main,
# and fail when the TypeScript generated into libs/contracts is not what the schema gives.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false
npx buf lint proto
if git rev-parse --verify -q main >/dev/null; then
  npx buf breaking proto --against '.git#branch=main,subdir=proto'
else
  echo "contracts: no local main branch; buf breaking skipped"
fi
npx nx run contracts:generate --skip-nx-cache >/dev/null
if [ -n "$(git status --porcelain -- libs/contracts/src/gen)" ]; then
  git status --porcelain -- libs/contracts/src/gen
  echo "contracts: the generated code is stale; run 'npm run generate' and commit libs/contracts/src/gen"
  exit 1
fi
echo "contracts: buf lint and buf breaking passed; generated code is up to date"
