#!/usr/bin/env bash
# The native addon built with AddressSanitizer + UndefinedBehaviorSanitizer (gcc), then the whole
# vitest suite and the JS fuzzers (`npm run fuzz -- --minutes 1`, when that script exists) with it
# loaded; prints the number of sanitizer reports per kind (0 expected). Exit 1 on any report or
# test failure.
#
#   scripts/sanitize.sh [vitest args...]     e.g. scripts/sanitize.sh test/megolm.test.ts
#
# The addon (both cores) and the C test programs are built by cmake-js into build-cmake/asan
# (build-cmake/native is not touched). The tests then run from build/asan-tree, a copy of the
# package whose build-cmake/native/Release holds those builds (and build/Release their addons,
# where node-gyp-build looks first): dist/ and test/ are copied (Node resolves an imported
# module's symlinks, so they must be real files for the package root to be the copy), everything
# else is linked. Node itself is not built with ASan, so the runtimes are preloaded; leak detection
# is off (Node never frees some memory at exit). Reports go to build/asan-logs/, one file per
# process, so a child that swallows its stderr cannot hide one.
# Left out by default (pass vitest arguments to choose files yourself): bench.test.ts (timings and
# a Chromium started under the preloaded runtime) and consumers.test.ts (npm packs and installs).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
start=$SECONDS
mkdir -p build   # its logs and the tree (node-gyp's folder, which a rebuild may have removed)
# The copy takes dist/ as it is: compile the TypeScript first so it matches src/.
npm run --silent build:ts >build/asan-ts.log 2>&1 || { tail -20 build/asan-ts.log; exit 1; }
flags="-fsanitize=address,undefined -fno-omit-frame-pointer -g"
echo "== building the addon with $flags into build-cmake/asan"
npx cmake-js build --out build-cmake/asan --CDCMAKE_BUILD_TYPE=Release \
  "--CDCMAKE_C_FLAGS=$flags" "--CDCMAKE_CXX_FLAGS=$flags" \
  "--CDCMAKE_SHARED_LINKER_FLAGS=-fsanitize=address,undefined" \
  "--CDCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined" >build/asan.log 2>&1 ||
  { tail -30 build/asan.log; echo "sanitize: the ASan build failed (build/asan.log)" >&2; exit 1; }
tree=build/asan-tree
rm -rf "$tree" && mkdir -p "$tree/build/Release" "$tree/build-cmake/native/Release"
cp -r dist test examples package.json vitest.config.ts tsconfig.json tsconfig.cjs.json "$tree/"
for link in node_modules src vendor native bench wasm scripts prebuilds olm-sources.txt CMakeLists.txt binding.gyp \
            README.md package-lock.json; do ln -s "$root/$link" "$tree/$link"; done
for link in libfuzzer sanitize; do mkdir -p "build/$link" && ln -s "$root/build/$link" "$tree/build/$link"; done
# The WASM build as it is (olm-bench-c-wasm, the C (WASM) baseline).
[ -d build-cmake/wasm ] && ln -s "$root/build-cmake/wasm" "$tree/build-cmake/wasm"
cp build-cmake/asan/Release/*.node "$tree/build/Release/"
cp build-cmake/asan/Release/*.node build-cmake/asan/Release/crypto-* "$tree/build-cmake/native/Release/"
build_seconds=$((SECONDS - start))

logs=build/asan-logs
rm -rf "$logs" && mkdir -p "$logs"
export LD_PRELOAD="$(gcc -print-file-name=libasan.so):$(gcc -print-file-name=libubsan.so)"
# Reports go to files per process (log_path), so a child that swallows stderr cannot hide one.
# quarantine_size_mb: freed memory ASan holds back to catch use-after-free; its 256 MB default
# would break lifetime.test.ts's RSS bounds on its own.
export ASAN_OPTIONS="detect_leaks=0:log_path=$root/$logs/asan:abort_on_error=1:quarantine_size_mb=16"
export CRYPTO_DIFF_CURVES=5000   # crypto-core.test.ts: the ASan-built crypto-diff's curve parts
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$root/$logs/ubsan:suppressions=$root/scripts/ubsan.supp"

(cd "$tree" && node -e "const r=require('node-gyp-build').resolve('.'); if(!r.includes('asan-tree')) {console.error('not the ASan addon: '+r); process.exit(1)} console.log('addon: '+r)") || exit 1

echo "== vitest with the ASan addon"
t=$SECONDS
[ $# -gt 0 ] || set -- --exclude test/bench.test.ts --exclude test/consumers.test.ts
(cd "$tree" && npx vitest run "$@") >"$logs/vitest.txt" 2>&1
vitest_status=$?
tail -8 "$logs/vitest.txt"
vitest_seconds=$((SECONDS - t))

fuzz_status=0 fuzz_seconds=0
if node -e "process.exit(require('./package.json').scripts?.fuzz ? 0 : 1)"; then
  echo "== npm run fuzz -- --minutes 1 with the ASan addon"
  t=$SECONDS
  (cd "$tree" && npm run --silent fuzz -- --minutes 1) >"$logs/fuzz.txt" 2>&1
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
