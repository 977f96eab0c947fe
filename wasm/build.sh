#!/usr/bin/env bash
# Builds olm-wasm.{js,wasm} from the same CMakeLists.txt and source list as the addon, with
# Debian's emscripten, in build-cmake/wasm/ (module/ holds the files the package ships), then
# copies them into dist/ (scripts/build-ts.sh copies them again after tsc).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v emcmake >/dev/null || { echo "wasm/build.sh: emscripten not found (apt-get install emscripten)" >&2; exit 1; }
# Debian's emcc runs its JS optimizer with the machine's node, which needs Debian's acorn.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
emcmake cmake -S . -B build-cmake/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-cmake/wasm -j2
mkdir -p dist
cp -r build-cmake/wasm/module/. dist/
echo "dist/olm-wasm.wasm: $(stat -c %s dist/olm-wasm.wasm) bytes"
