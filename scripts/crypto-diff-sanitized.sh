#!/usr/bin/env bash
# Builds native/crypto/test/crypto-diff with gcc's AddressSanitizer + UndefinedBehaviorSanitizer
# (any report aborts) into build/sanitize/crypto-diff: libolm's portable core beside the fast
# core, as the CMake build links them. Run by test/crypto-core.test.ts; prints the program's path.
#
# The third-party code libolm bundles shifts into an int's sign bit (lib/crypto-algorithms:
# `key[0] << 24`) and shifts negative limbs (lib/ed25519's fe.c, included by src/ed25519.c):
# undefined in C, compiled as intended by gcc and clang, not ours to change here. Those files are
# built without UBSan's shift-base check; every other check, and all of our own code, stays fatal.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build/sanitize"
mkdir -p "$out/crypto-diff.objects"
flags=(-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
       -I"$root/vendor/olm/include" -I"$root/vendor/olm/lib" -DOLM_STATIC_DEFINE -DFAST_CRYPTO_TESTING)
sources=(
  native/crypto/test/crypto-diff.c
  native/crypto/cpu.c native/crypto/sha256.c native/crypto/aes.c native/crypto/aes-ct.c native/crypto/x25519.c native/crypto/ed25519.c native/crypto/sha512.c
  vendor/olm/src/ed25519.c vendor/olm/src/crypto.cpp vendor/olm/src/memory.cpp
  vendor/olm/lib/curve25519-donna/curve25519-donna.c
  vendor/olm/lib/crypto-algorithms/aes.c vendor/olm/lib/crypto-algorithms/sha256.c
)
# The newest header any of them includes (a patched crypto.h rebuilds everything).
newest_header=$(ls -t "$root"/vendor/olm/include/olm/*.h "$root"/native/crypto/*.h "$root"/native/crypto/test/*.h | head -1)
objects=()
for source in "${sources[@]}"; do
  object="$out/crypto-diff.objects/${source//\//_}.o"
  objects+=("$object")
  # Rebuilt only when the source, a header or this script is newer than the object; two at a time.
  [ -f "$object" ] && [ "$object" -nt "$root/$source" ] && [ "$object" -nt "$newest_header" ] &&
    [ "$object" -nt "$0" ] && continue
  extra=()
  [[ $source == vendor/olm/lib/* || $source == vendor/olm/src/ed25519.c ]] && extra=(-fno-sanitize=shift-base)
  [[ $source == *.cpp ]] && extra+=(-std=c++11 -fno-exceptions -fno-rtti)
  [ "$(jobs -rp | wc -l)" -ge 2 ] && wait -n
  gcc "${flags[@]}" "${extra[@]}" -c "$root/$source" -o "$object" &
done
while [ "$(jobs -rp | wc -l)" -gt 0 ]; do wait -n; done
gcc -fsanitize=address,undefined "${objects[@]}" -lstdc++ -o "$out/crypto-diff"
echo "$out/crypto-diff"
