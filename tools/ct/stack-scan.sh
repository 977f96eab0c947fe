#!/usr/bin/env bash
# Builds and runs tools/ct/stack-scan.c (what secret-bearing calls leave on the stack) twice:
#   fast:  the native addon's sources (olm-sources.txt, native + fast core), -O3 as the addon;
#   stock: the WASM build's sources (stock core, hardened AES) compiled natively, -O3.
# Usage: bash tools/ct/stack-scan.sh [--cost] [out-dir]   (default build/ct/stack-scan; CC, CXX)
# Prints both tables; exits 1 if either finds a secret. --cost also times the burns (burn-cost.c).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f vendor/olm/include/olm/olm.h ] || { echo "stack-scan.sh: vendor/olm missing: run npm run setup" >&2; exit 1; }
CC=${CC:-cc}
CXX=${CXX:-c++}
cost=0
if [ "${1:-}" = --cost ]; then cost=1; shift; fi
OUT=${1:-build/ct/stack-scan}
FLAGS=(-O3 -fPIC -DNDEBUG -DOLM_STATIC_DEFINE $(node scripts/olm-sources.cjs native --defines | sed 's/\([^ ]*\)/-D\1/g')
       -Ivendor/olm/include -Ivendor/olm/lib -Inative/crypto)
status=0
for core in fast stock; do
  dir=$OUT/$core
  mkdir -p "$dir"
  # FAST_CRYPTO_TESTING: the core's switch to its portable paths (test builds only, cpu.c).
  if [ $core = fast ]; then sources=$(node scripts/olm-sources.cjs native fast); defines=(-DFAST_CRYPTO_TESTING);
  else sources=$(node scripts/olm-sources.cjs wasm stock); defines=(-DOLM_UNIVERSAL_HARDENED -DSTOCK_CORE); fi
  objects=()
  for source in $sources; do
    object=$dir/$(echo "$source" | tr / _).o
    # Rebuilt when the source, a header of ours or libolm's, or this script is newer.
    if [ ! -f "$object" ] || [ -n "$(find "$source" "$0" native/crypto/*.h vendor/olm/include/olm vendor/olm/src/*.h* \
         -newer "$object" -print -quit 2>/dev/null)" ]; then
      case $source in
        *.cpp) "$CXX" -std=c++11 -fno-exceptions -fno-rtti "${FLAGS[@]}" "${defines[@]}" -c "$source" -o "$object" ;;
        *) "$CC" "${FLAGS[@]}" "${defines[@]}" -c "$source" -o "$object" ;;
      esac
    fi
    objects+=("$object")
  done
  "$CC" -O2 -std=gnu11 "${FLAGS[@]}" "${defines[@]}" -c tools/ct/stack-scan.c -o "$dir/stack-scan.o"
  "$CXX" "$dir/stack-scan.o" "${objects[@]}" -lpthread -o "$dir/stack-scan"
  echo "== stack scan, $core core"
  "$dir/stack-scan" || status=$?
  if [ $core = fast ] && [ $cost = 1 ]; then
    "$CC" -O2 -std=gnu11 "${FLAGS[@]}" tools/ct/burn-cost.c "${objects[@]}" -lstdc++ -lpthread -o "$dir/burn-cost"
    echo "== cost of the stack burns (fast core)"
    "$dir/burn-cost"
  fi
done
exit $status
