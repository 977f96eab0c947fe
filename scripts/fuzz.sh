#!/usr/bin/env bash
# npm run fuzz -- --minutes N [--target NAME[,NAME]] [--jobs J] [--seed S]
# npm run fuzz -- replay [FIXTURE.json ...]   (replays saved fixtures in this fresh process)
# Compiles test/fuzz and test/hostile to build/fuzz-js (their imports of ../../dist resolve
# through a link), then runs the fuzzer (test/fuzz/main.ts) or the replayer (test/fuzz/replay.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p test/fuzz/tsconfig.json
ln -sfn ../../dist build/fuzz-js/dist
cp test/hostile/*.json build/fuzz-js/test/hostile/
if [[ "${1:-}" == replay ]]; then
  shift
  exec node build/fuzz-js/test/fuzz/replay.js "$@"
fi
exec node build/fuzz-js/test/fuzz/main.js "$@"
