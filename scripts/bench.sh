#!/usr/bin/env bash
# `npm run bench -- [options]`: see src/bench/main.ts. Uses the software GPU only where no GPU device exists.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/software-gpu.sh
exec node bin/bench.js "$@"
