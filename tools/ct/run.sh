#!/usr/bin/env bash
# Timing and secret-flow evidence for the constant-time AES, base64 and Ed25519/X25519 (run by hand, not in npm test):
#   1. the known-answer/differential program (sanity),
#   2. speed: aes-ct against libolm's table AES (and AES-NI), natively and as WASM under node,
#   3. dudect-style Welch t-tests, 1M samples per target (SAMPLES=... to change), natively and
#      as WASM under node,
#   4. valgrind memcheck with the secrets marked undefined (AES key and ciphertext, base64 text,
#      Ed25519/X25519 seeds and private keys over both field back-ends),
#   5. the stack scan (stack-scan.sh: secrets left on the stack after secret-bearing calls, fast
#      and stock core) and the cost of the stack burns.
# Everything is built into build/ct/ from vendor/olm (run `npm run setup` first).
# Usage: bash tools/ct/run.sh   (environment: SAMPLES, CC, CXX, CFLAGS)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f vendor/olm/lib/crypto-algorithms/aes.c ] || { echo "tools/ct/run.sh: vendor/olm missing: run npm run setup" >&2; exit 1; }

CC=${CC:-cc}
CXX=${CXX:-c++}
CFLAGS=${CFLAGS:--O3}  # the optimisation the addon build uses (CMakeLists.txt)
SAMPLES=${SAMPLES:-1000000}
OUT=build/ct
INCLUDES=(-Inative/crypto -Ivendor/olm/include -Ivendor/olm/lib)
mkdir -p "$OUT"

echo "== build ($CC $CFLAGS)"
# base64.cpp with its test switch (OLM_UNIVERSAL_BASE64_TESTING), so the portable path can be
# forced beside the SSSE3 one the CPU selects.
"$CXX" $CFLAGS -std=c++11 -DOLM_UNIVERSAL_BASE64_TESTING "${INCLUDES[@]}" -c vendor/olm/src/base64.cpp -o "$OUT/base64.o"
"$CC" $CFLAGS -std=c99 "${INCLUDES[@]}" -c native/crypto/aes.c -o "$OUT/aes-ni.o"
"$CC" $CFLAGS -std=c99 "${INCLUDES[@]}" -c native/crypto/cpu.c -o "$OUT/cpu.o"
"$CC" $CFLAGS -std=c99 "${INCLUDES[@]}" -c native/crypto/aes-ct.c -o "$OUT/aes-ct.o"
"$CC" $CFLAGS -std=c99 "${INCLUDES[@]}" -c vendor/olm/lib/crypto-algorithms/aes.c -o "$OUT/aes-table.o"
"$CC" $CFLAGS -std=c99 "${INCLUDES[@]}" native/crypto/test/aes-ct-kat.c "$OUT/aes-ct.o" "$OUT/aes-table.o" -o "$OUT/aes-ct-kat"
"$CC" $CFLAGS -std=c99 -DWITH_AES_NI "${INCLUDES[@]}" tools/ct/aes-bench.c "$OUT/aes-ct.o" "$OUT/aes-table.o" \
  "$OUT/aes-ni.o" "$OUT/cpu.o" -o "$OUT/aes-bench"
# dudect.c includes libolm's aes.c itself (to flush its static tables); C++ linker for base64.o.
"$CC" $CFLAGS -std=c99 "${INCLUDES[@]}" -c tools/ct/dudect.c -o "$OUT/dudect.o"
"$CXX" "$OUT/dudect.o" "$OUT/aes-ct.o" "$OUT/aes-ni.o" "$OUT/cpu.o" "$OUT/base64.o" -lm -o "$OUT/dudect"
# libolm's table base64 (kept in base64.cpp behind OLM_UNIVERSAL_STOCK_BASE64 by patch 0013), to compare.
"$CXX" $CFLAGS -std=c++11 -DOLM_UNIVERSAL_STOCK_BASE64 "${INCLUDES[@]}" -c vendor/olm/src/base64.cpp -o "$OUT/base64-table.o"
"$CXX" "$OUT/dudect.o" "$OUT/aes-ct.o" "$OUT/aes-ni.o" "$OUT/cpu.o" "$OUT/base64-table.o" -lm -o "$OUT/dudect-base64-table"
# The valgrind harness with every compiler at hand: a compiler may turn masks into branches.
# (-gdwarf-4: valgrind 3.19 cannot read clang 14's default DWARF 5.)
compilers=("$CC")
if command -v clang >/dev/null && [ "$CC" != clang ]; then compilers+=(clang); fi
for compiler in "${compilers[@]}"; do
  "$compiler" $CFLAGS -gdwarf-4 -std=c99 "${INCLUDES[@]}" tools/ct/secret-undefined.c native/crypto/aes-ct.c \
    native/crypto/aes.c native/crypto/cpu.c vendor/olm/lib/crypto-algorithms/aes.c -o "$OUT/secret-undefined-$compiler"
  cxx=$([ "$compiler" = clang ] && echo clang++ || echo "$CXX")
  for impl in ct table; do
    define=$([ $impl = table ] && echo -DOLM_UNIVERSAL_STOCK_BASE64 || echo -DOLM_UNIVERSAL_BASE64_TESTING)
    "$cxx" $CFLAGS -gdwarf-4 -std=c++11 $define "${INCLUDES[@]}" -c vendor/olm/src/base64.cpp -o "$OUT/base64-$impl-$compiler.o"
    "$compiler" $CFLAGS -gdwarf-4 -std=c99 "${INCLUDES[@]}" tools/ct/base64-undefined.c "$OUT/base64-$impl-$compiler.o" \
      -lstdc++ -o "$OUT/base64-undefined-$impl-$compiler"
  done
  # Ed25519 keygen/sign and X25519 over both field back-ends (25: the WASM one, its table selection).
  for field in 51 25; do
    "$compiler" $CFLAGS -gdwarf-4 -std=c99 -DFAST_FIELD=$field -DOLM_STATIC_DEFINE "${INCLUDES[@]}" tools/ct/ed25519-undefined.c \
      native/crypto/ed25519.c native/crypto/sha512.c native/crypto/x25519.c native/crypto/wipe.c -lpthread -o "$OUT/ed25519-undefined-$field-$compiler"
  done
done
have_emcc=0
if command -v emcc >/dev/null; then
  # Debian's emcc runs its JS optimizer with the machine's node, which needs Debian's acorn.
  export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
  # -msimd128 as the module (wasm/wasm.cmake): its AES is native/crypto/aes-simd128.c.
  emcc -O3 -msimd128 -std=c99 "${INCLUDES[@]}" tools/ct/aes-bench.c native/crypto/aes-ct.c native/crypto/aes-simd128.c \
    vendor/olm/lib/crypto-algorithms/aes.c -sENVIRONMENT=node -sWASM_ASYNC_COMPILATION=0 -o "$OUT/aes-bench.cjs" 2>/dev/null
  # dudect as WASM: clock_gettime (node's performance.now, in ns) per call, no clflush, no AES-NI.
  em++ -O3 -msimd128 -std=c++11 "${INCLUDES[@]}" -c vendor/olm/src/base64.cpp -o "$OUT/base64.wasm.o"
  emcc -O3 -msimd128 -std=c99 "${INCLUDES[@]}" tools/ct/dudect.c native/crypto/aes-ct.c native/crypto/aes-simd128.c \
    native/crypto/aes.c native/crypto/cpu.c \
    "$OUT/base64.wasm.o" -sENVIRONMENT=node -sWASM_ASYNC_COMPILATION=0 -sALLOW_MEMORY_GROWTH=1 \
    -o "$OUT/dudect.cjs" 2>/dev/null
  have_emcc=1
fi

echo "== known answers and differential"
"$OUT/aes-ct-kat" 10000 | tail -4

echo "== speed"
"$OUT/aes-bench" | tee "$OUT/bench-native.txt"
ghz=$(sed -n 's/.*, \([0-9.]*\) GHz TSC).*/\1/p' "$OUT/bench-native.txt")
if [ "$have_emcc" = 1 ]; then node "$OUT/aes-bench.cjs" "$ghz" | tee "$OUT/bench-wasm.txt"; fi

echo "== dudect ($SAMPLES samples per target)"
targets=(aes-ct-enc-key aes-ct-dec-ct aes-ct-dec-key table-enc-key-warm table-enc-key-flushed
         table-dec-ct-warm table-dec-ct-flushed aesni-enc-key aesni-dec-ct base64-decode base64-encode
         base64-decode-portable base64-encode-portable base64-decode-table base64-encode-table)
: >"$OUT/dudect.txt"
for target in "${targets[@]}"; do
  case $target in
    base64-*-table) "$OUT/dudect-base64-table" "${target%-table}" "$SAMPLES" | sed "s/^${target%-table} /$target /" ;;
    *) "$OUT/dudect" "$target" "$SAMPLES" ;;
  esac | tee -a "$OUT/dudect.txt"
done
: >"$OUT/dudect-wasm.txt"
if [ "$have_emcc" = 1 ]; then
  echo "== dudect under WASM (node; $SAMPLES samples per target)"
  for target in aes-ct-enc-key aes-ct-dec-ct aes-ct-dec-key aes-simd128-enc-key aes-simd128-dec-ct aes-simd128-dec-key \
                table-enc-key-warm table-dec-ct-warm base64-decode base64-encode; do
    node "$OUT/dudect.cjs" "$target" "$SAMPLES" | tee -a "$OUT/dudect-wasm.txt"
  done
fi

echo "== valgrind memcheck, key and ciphertext undefined"
: >"$OUT/valgrind.txt"
for compiler in "${compilers[@]}"; do
  for impl in aes-ct table aes-ni; do
    log="$OUT/valgrind-$impl-$compiler"
    valgrind --error-limit=no "$OUT/secret-undefined-$compiler" "$impl" >"$log.out" 2>"$log.log" || true
    reports=$(grep -c "depends on uninitialised value\|Use of uninitialised value" "$log.log" || true)
    errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log.log")
    echo "$impl($compiler) $reports ${errors:-?} $(cat "$log.out")" | tee -a "$OUT/valgrind.txt"
  done
  for impl in ct ct-portable table; do
    log="$OUT/valgrind-base64-$impl-$compiler"
    binary="$OUT/base64-undefined-${impl%-portable}-$compiler"
    valgrind --error-limit=no "$binary" $([ $impl = ct-portable ] && echo portable) >"$log.out" 2>"$log.log" || true
    reports=$(grep -c "depends on uninitialised value\|Use of uninitialised value" "$log.log" || true)
    errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log.log")
    echo "base64-$impl($compiler) $reports ${errors:-?} $(cat "$log.out")" | tee -a "$OUT/valgrind.txt"
  done
  for field in 51 25; do
    log="$OUT/valgrind-ed25519-$field-$compiler"
    valgrind --error-limit=no "$OUT/ed25519-undefined-$field-$compiler" >"$log.out" 2>"$log.log" || true
    reports=$(grep -c "depends on uninitialised value\|Use of uninitialised value" "$log.log" || true)
    errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log.log")
    echo "ed25519-fe$field($compiler) $reports ${errors:-?} $(cat "$log.out")" | tee -a "$OUT/valgrind.txt"
  done
done

echo "== stack scan"
bash tools/ct/stack-scan.sh --cost "$OUT/stack-scan" | tee "$OUT/stack-scan.txt" || true

echo
echo "== summary"
# max |t| per target, or "-" when skipped or not run; |t| > 4.5 is marked LEAK.
t_of() { awk -v target="$1" '$1 == target { for (i = 1; i <= NF; i++) if ($i == "|t|") t = $(i + 1) }
                             END { if (t == "") print "-"; else printf "%s%s", t, (t + 0 > 4.5 ? " LEAK" : "") }' "$2"; }
printf '%-24s %16s %16s\n' "dudect max |t|" "native" "wasm"
for target in "${targets[@]}" aes-simd128-enc-key aes-simd128-dec-ct aes-simd128-dec-key; do
  printf '%-24s %16s %16s\n' "$target" "$(t_of "$target" "$OUT/dudect.txt")" "$(t_of "$target" "$OUT/dudect-wasm.txt")"
done
echo
printf '%-24s %10s  %s\n' "valgrind, secret undefined" "reports" "(total errors)"
awk '{ printf "%-24s %10s  (errors %s)\n", $1, $2, $3 }' "$OUT/valgrind.txt"
echo
printf '%-24s %12s %12s\n' "AES-256-CBC cycles/byte" "native" "wasm"
for row in "aes-ct encrypt" "aes-ct decrypt" "libolm table encrypt" "libolm table decrypt" "aes-ni encrypt" "aes-ni decrypt" \
           "aes-simd128 encrypt" "aes-simd128 decrypt"; do
  native=$(grep "  $row " "$OUT/bench-native.txt" | awk '{ print $(NF-1) }' || true)
  wasm=$( [ -f "$OUT/bench-wasm.txt" ] && grep "  $row " "$OUT/bench-wasm.txt" | awk '{ print $(NF-1) }' || true)
  printf '%-24s %12s %12s\n' "$row" "${native:--}" "${wasm:--}"
done
echo
printf '%-24s %12s\n' "stack scan" "hits"
awk '/^== stack scan, / { core = $4 } /^total hits:/ { printf "%-24s %12s\n", core " core", $3 }' "$OUT/stack-scan.txt"
