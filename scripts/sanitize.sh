#!/usr/bin/env bash
# The native addon built with AddressSanitizer + UndefinedBehaviorSanitizer (gcc), then the whole
# vitest suite and the JS fuzzers (`npm run fuzz -- --minutes 1`, when that script exists) with it
# loaded; prints the number of sanitizer reports per kind (0 expected). Exit 1 on any report or
# test failure.
#
#   scripts/sanitize.sh [vitest args...]     e.g. scripts/sanitize.sh test/megolm.test.ts
#
# The addon is built by cmake-js into build/asan (build/Release is not touched). Tests find it
# through node-gyp-build's OLM_UNIVERSAL_PREBUILD variable, pointed at build/asan-package, which
# holds only build/Release/olm_native.node. (The stock-core addon, which src/backend-native.ts
# loads from build/Release by path, stays the plain one.) Node is not built with ASan, so the
# runtimes are preloaded; leak detection is off (Node itself never frees some memory).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
start=$SECONDS
flags="-fsanitize=address,undefined -fno-omit-frame-pointer -g"
echo "== building the addon with $flags into build/asan"
npx cmake-js build --out build/asan --CDCMAKE_BUILD_TYPE=Release \
  "--CDCMAKE_C_FLAGS=$flags" "--CDCMAKE_CXX_FLAGS=$flags" \
  "--CDCMAKE_SHARED_LINKER_FLAGS=-fsanitize=address,undefined" \
  "--CDCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined" >build/asan.log 2>&1 ||
  { tail -30 build/asan.log; echo "sanitize: the ASan build failed (build/asan.log)" >&2; exit 1; }
mkdir -p build/asan-package/build/Release
cp build/asan/Release/olm_native.node build/asan-package/build/Release/olm_native.node
cp package.json build/asan-package/package.json   # node-gyp-build reads the name from it
build_seconds=$((SECONDS - start))

logs=build/asan-logs
rm -rf "$logs" && mkdir -p "$logs"
export OLM_UNIVERSAL_PREBUILD="$root/build/asan-package"
export LD_PRELOAD="$(gcc -print-file-name=libasan.so):$(gcc -print-file-name=libubsan.so)"
# Reports go to files per process (log_path), so a child that swallows stderr cannot hide one.
export ASAN_OPTIONS="detect_leaks=0:log_path=$root/$logs/asan:abort_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$root/$logs/ubsan:suppressions=$root/scripts/ubsan.supp"

node -e "const r=require('node-gyp-build').resolve('.'); if(!r.includes('asan-package')) {console.error('not the ASan addon: '+r); process.exit(1)} console.log('addon: '+r)" || exit 1

echo "== vitest with the ASan addon"
t=$SECONDS
npx vitest run "$@" >"$logs/vitest.txt" 2>&1
vitest_status=$?
tail -8 "$logs/vitest.txt"
vitest_seconds=$((SECONDS - t))

fuzz_status=0 fuzz_seconds=0
if node -e "process.exit(require('./package.json').scripts?.fuzz ? 0 : 1)"; then
  echo "== npm run fuzz -- --minutes 1 with the ASan addon"
  t=$SECONDS
  npm run --silent fuzz -- --minutes 1 >"$logs/fuzz.txt" 2>&1
  fuzz_status=$?
  tail -8 "$logs/fuzz.txt"
  fuzz_seconds=$((SECONDS - t))
else
  echo "== no \"fuzz\" script in package.json (the JS fuzzers are not on this branch): skipped"
fi
unset LD_PRELOAD

asan=$(cat "$logs"/asan.* 2>/dev/null | grep -c "ERROR: AddressSanitizer" || true)
ubsan=$(cat "$logs"/ubsan.* "$logs"/asan.* 2>/dev/null | grep -c "runtime error:" || true)
echo "== sanitize summary ($((SECONDS - start)) s: build ${build_seconds} s, vitest ${vitest_seconds} s, fuzz ${fuzz_seconds} s)"
echo "  AddressSanitizer reports: $asan"
echo "  UBSan reports:            $ubsan"
echo "  vitest: $([ $vitest_status = 0 ] && echo passed || echo "FAILED (exit $vitest_status, $logs/vitest.txt)")"
echo "  JS fuzzers: $(node -e "process.exit(require('./package.json').scripts?.fuzz ? 0 : 1)" && { [ $fuzz_status = 0 ] && echo passed || echo "FAILED ($logs/fuzz.txt)"; } || echo skipped)"
[ "$asan" -gt 0 ] || [ "$ubsan" -gt 0 ] && { echo "  reports: $logs/"; grep -h -A3 -E "ERROR: AddressSanitizer|runtime error:" "$logs"/asan.* "$logs"/ubsan.* 2>/dev/null | head -20; }
[ "$asan" = 0 ] && [ "$ubsan" = 0 ] && [ $vitest_status = 0 ] && [ $fuzz_status = 0 ]
