#!/usr/bin/env bash
# libFuzzer targets over libolm and the crypto core (test/libfuzzer/targets/*.c, *.cpp), built with clang
# -fsanitize=fuzzer,address,undefined into build/libfuzzer/, once per crypto core (fast: our
# native/crypto; stock: libolm's portable one). crypto_diff links both cores into one binary.
#
#   scripts/fuzz-c.sh --minutes N   build, then fuzz every target for its share of N minutes on
#                                   2 jobs; prints execs per target; copies any crash, leak or
#                                   timeout input into test/libfuzzer/regressions/<target>/
#   scripts/fuzz-c.sh --replay      build, then run every binary over its regressions and seeds
#                                   (no fuzzing; what npm test runs); exit 1 if any input fails
#   scripts/fuzz-c.sh --build       build only
# Needs clang and libFuzzer's runtime (Debian: clang, libclang-rt-14-dev).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mode=build minutes=0
while [ $# -gt 0 ]; do
  case $1 in
    --minutes) mode=fuzz; minutes=$2; shift 2 ;;
    --replay) mode=replay; shift ;;
    --build) mode=build; shift ;;
    *) echo "usage: $0 [--build | --replay | --minutes N]" >&2; exit 2 ;;
  esac
done
clang=$(command -v clang || command -v clang-14 || true)
[ -n "$clang" ] || { echo "fuzz-c: clang not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 3; }
out=build/libfuzzer
mkdir -p "$out/obj" "$out/bin" "$out/seeds" "$out/corpus" "$out/artifacts"

sanitize=(-fsanitize=address,undefined -fno-sanitize-recover=all)
cflags=(-g -O1 -fno-omit-frame-pointer "${sanitize[@]}" -Ivendor/olm/include -Ivendor/olm/lib
        -DOLM_STATIC_DEFINE -DFAST_CRYPTO_TESTING -DNDEBUG $(node scripts/olm-sources.cjs native --defines | sed 's/[^ ]*/-D&/g'))

# Compiles a source once (per its path) into $out/obj; prints the object. libolm's bundled lib/
# code (and src/ed25519.c, which includes lib/ed25519) shifts into an int's sign bit and shifts
# negative limbs: UBSan's shift-base is off for those files only (see scripts/crypto-diff-sanitized.sh).
newest_header=$(ls -t vendor/olm/include/olm/*.h native/crypto/*.h | head -1)
compile() {
  local source=$1 object="$out/obj/${1//\//_}.o" extra=()
  [[ $source == vendor/olm/lib/* || $source == vendor/olm/src/ed25519.c ]] && extra+=(-fno-sanitize=shift-base)
  [[ $source == *.cpp ]] && extra+=(-std=c++11 -fno-exceptions -fno-rtti)
  [[ $source == test/libfuzzer/* ]] || extra+=(-fsanitize=fuzzer-no-link)
  if [ ! -f "$object" ] || [ "$source" -nt "$object" ] || [ "$newest_header" -nt "$object" ] ||
     [ "$0" -nt "$object" ] || { [[ $source == test/libfuzzer/* ]] && [ -n "$(find test/libfuzzer -name '*.h' -newer "$object")" ]; }; then
    "$clang" "${cflags[@]}" "${extra[@]}" -c "$source" -o "$object" || return 1
  fi
  echo "$object"
}
compile_all() { # sources on stdin, 2 at a time; prints objects in order
  local sources=() objects=() s
  mapfile -t sources
  for s in "${sources[@]}"; do objects+=("$out/obj/${s//\//_}.o"); done
  printf '%s\n' "${sources[@]}" | xargs -P 2 -I{} bash -c "$(declare -f compile); $(declare -p cflags out clang newest_header); compile {} >/dev/null" "$0"
  printf '%s\n' "${objects[@]}"
}

start=$SECONDS
mapfile -t fast_objects < <(node scripts/olm-sources.cjs native fast | tr ' ' '\n' | compile_all)
mapfile -t stock_objects < <(node scripts/olm-sources.cjs native stock | tr ' ' '\n' | compile_all)
# crypto_diff: libolm's portable primitives plus the fast core's, without either seam.
mapfile -t diff_objects < <(printf '%s\n' vendor/olm/src/crypto.cpp vendor/olm/src/ed25519.c vendor/olm/src/memory.cpp \
  vendor/olm/lib/crypto-algorithms/sha256.c vendor/olm/lib/crypto-algorithms/aes.c \
  vendor/olm/lib/curve25519-donna/curve25519-donna.c native/crypto/cpu.c native/crypto/sha256.c \
  native/crypto/aes.c native/crypto/aes-ct.c native/crypto/x25519.c native/crypto/ed25519.c native/crypto/sha512.c | compile_all)

binaries=()
for source in test/libfuzzer/targets/*.c test/libfuzzer/targets/*.cpp; do
  target=$(basename "$source"); target=${target%.*}
  object=$(compile "$source")
  if [ "$target" = crypto_diff ]; then cores=(both); else cores=(fast stock); fi
  for core in "${cores[@]}"; do
    binary="$out/bin/$target-$core"
    case $core in fast) objects=("${fast_objects[@]}") ;; stock) objects=("${stock_objects[@]}") ;; both) objects=("${diff_objects[@]}") ;; esac
    newer=0
    for o in "$object" "${objects[@]}"; do [ "$o" -nt "$binary" ] && newer=1 && break; done
    if [ ! -f "$binary" ] || [ $newer = 1 ]; then
      "${clang}++" -fsanitize=fuzzer,address,undefined "$object" "${objects[@]}" -o "$binary"
    fi
    binaries+=("$binary")
  done
  # Seeds (real messages, keys and pickles from libolm itself); the same for both cores.
  if [ ! -d "$out/seeds/$target" ] || [ "$binary" -nt "$out/seeds/$target" ]; then
    rm -rf "$out/seeds/$target" && mkdir -p "$out/seeds/$target"
    FUZZ_SEEDS="$out/seeds/$target" "$binary" >/dev/null 2>&1 || { echo "fuzz-c: $target failed to write its seeds" >&2; exit 1; }
  fi
done
echo "fuzz-c: ${#binaries[@]} binaries in $out/bin ($((SECONDS - start)) s)"
[ "$mode" = build ] && exit 0

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
target_of() { basename "$1" | sed -E 's/-(fast|stock|both)$//'; }

if [ "$mode" = replay ]; then
  failed=0 inputs=0
  for binary in "${binaries[@]}"; do
    target=$(target_of "$binary")
    files=("$out/seeds/$target"/*)
    [ -d "test/libfuzzer/regressions/$target" ] && files+=("test/libfuzzer/regressions/$target"/*)
    files=("${files[@]}")
    count=0
    for f in "${files[@]}"; do
      [ -f "$f" ] || continue
      count=$((count + 1))
      if ! "$binary" -timeout=30 "$f" >"$out/replay.log" 2>&1; then
        echo "FAIL $(basename "$binary") $f"
        grep -E "ERROR|SUMMARY|check failed|runtime error" "$out/replay.log" | head -3 | sed 's/^/    /'
        failed=$((failed + 1))
      fi
    done
    inputs=$((inputs + count))
    printf '%-26s %4d inputs\n' "$(basename "$binary")" "$count"
  done
  echo "fuzz-c replay: $inputs inputs, $failed failed"
  [ $failed = 0 ]
  exit
fi

# Fuzzing: every binary gets an equal share of N minutes x 2 jobs.
share=$(( minutes * 60 * 2 / ${#binaries[@]} ))
[ $share -ge 5 ] || share=5
echo "fuzz-c: ${#binaries[@]} binaries x ${share} s, 2 at a time"
run_one() {
  local binary=$1 share=$2 target name
  target=$(basename "$binary" | sed -E 's/-(fast|stock|both)$//'); name=$(basename "$binary")
  mkdir -p "$out/corpus/$target" "$out/artifacts/$name"
  "$binary" -max_total_time="$share" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/artifacts/$name/" "$out/corpus/$target" "$out/seeds/$target" >"$out/$name.log" 2>&1 || true
}
export -f run_one; export out
printf '%s\n' "${binaries[@]}" | xargs -P 2 -I{} bash -c 'run_one "$@"' _ {} "$share"

total=0 crashes=0
printf '%-26s %12s %10s %s\n' target execs execs/s findings
for binary in "${binaries[@]}"; do
  name=$(basename "$binary"); target=$(target_of "$binary")
  execs=$(grep -oE 'stat::number_of_executed_units: +[0-9]+' "$out/$name.log" | grep -oE '[0-9]+$' || echo 0)
  seconds=$(grep -oE 'stat::average_exec_per_sec: +[0-9]+' "$out/$name.log" | grep -oE '[0-9]+$' || echo 0)
  found=()
  for f in "$out/artifacts/$name"/*; do
    [ -f "$f" ] || continue
    mkdir -p "test/libfuzzer/regressions/$target"
    kind=$(basename "$f" | cut -d- -f1)
    dest="test/libfuzzer/regressions/$target/$kind-$(sha1sum "$f" | cut -c1-16)"
    cp "$f" "$dest" && rm "$f"
    found+=("$dest")
    reason=$(grep -m1 -E "ERROR: AddressSanitizer: [a-z-]+|runtime error|check failed|SEGV|ERROR: libFuzzer: [a-z-]+" "$out/$name.log" | sed -E 's/^.*(ERROR: |runtime error: |check failed: )//' | cut -c1-70)
    echo "  $name: $dest ($reason)" >>"$out/findings.txt"
  done
  crashes=$((crashes + ${#found[@]}))
  total=$((total + execs))
  printf '%-26s %12s %10s %s\n' "$name" "$execs" "$seconds" "${#found[@]}"
done
echo "fuzz-c: $total inputs in total, $crashes crash input(s) saved"
[ -f "$out/findings.txt" ] && cat "$out/findings.txt" && rm "$out/findings.txt"
exit 0
