#!/usr/bin/env bash
# `npm test`: every test layer, in order; fails if any fails.
#   lint + types -> core (Node) -> GPU in Node (Dawn) -> CLI -> GPU + UI in Chromium -> the built app end to end.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/software-gpu.sh

npm run --silent lint
npm run --silent typecheck
npx tsc --noEmit -p tsconfig.core.json
npx vitest run --project core --project gpu-node --project cli
npx web-test-runner
npx vitest run --project e2e
echo "all test layers passed"
