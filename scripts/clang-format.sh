#!/usr/bin/env bash
# clang-format over our C and C++ (.clang-format): native/ (not the generated AES tables), bench,
# wasm, test/c, test/libfuzzer, tools/ct. libolm (vendor/) is never touched.
# Usage: bash scripts/clang-format.sh [--check]   (--check: list what differs, exit 1 if anything)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "clang-format.sh: clang-format missing (apt-get install clang-format)" >&2; exit 1; }
mapfile -t files < <(git ls-files -- 'native/*.c' 'native/*.cc' 'native/*.h' 'bench/*.c' 'wasm/*.c' \
  'test/c/*.c' 'test/c/*.cpp' 'test/libfuzzer/*.c' 'test/libfuzzer/*.cpp' 'test/libfuzzer/*.h' 'tools/ct/*.c' \
  ':!native/crypto/aes-simd128-tables.h')
if [ "${1:-}" = --check ]; then
  # --dry-run --Werror: a warning per differing spot, non-zero exit if any; name each file once.
  status=0
  report=$(clang-format --style=file --dry-run --Werror "${files[@]}" 2>&1) || status=$?
  if [ $status -ne 0 ]; then
    grep -o '^[^: ]*\.\(c\|cc\|cpp\|h\):' <<<"$report" | sort -u | sed 's/^/clang-format: not formatted: /; s/:$//' >&2 \
      || echo "$report" >&2
    echo "clang-format: run npm run format" >&2
  fi
  exit $status
fi
clang-format --style=file -i "${files[@]}"
