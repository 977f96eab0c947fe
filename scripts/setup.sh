#!/usr/bin/env bash
# From a fresh clone to both backends built: system tools from apt, libolm fetched and verified,
# npm dependencies, the native addon, the WASM module, the TypeScript. Prints each step's time.
set -euo pipefail
cd "$(dirname "$0")/.."
timings=()
step() {
  local name=$1; shift
  local start=$SECONDS
  echo "== $name"
  "$@"
  timings+=("$name: $((SECONDS - start)) s")
}

apt_packages() {
  local missing=()
  command -v emcc >/dev/null || missing+=(emscripten)
  command -v cmake >/dev/null || missing+=(cmake)
  command -v g++ >/dev/null || missing+=(g++)
  command -v make >/dev/null || missing+=(make)
  command -v xz >/dev/null || missing+=(xz-utils)
  command -v patch >/dev/null || missing+=(patch)
  command -v chromium >/dev/null || missing+=(chromium)   # the browser consumer test; bench --browser and its chart test
  # clang with libFuzzer's runtime: the C fuzz targets (npm run fuzz:c; their replay is in npm test)
  command -v clang >/dev/null || missing+=(clang)
  command -v clang-format >/dev/null || missing+=(clang-format)   # npm run format / format:check (in npm test)
  [ -n "$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ] || missing+=(libclang-rt-14-dev)
  # The linux-arm64 prebuild (npm run prebuildify cross-compiles it) and its test: Node for arm64
  # under qemu-user, with the aarch64 C and C++ libraries the cross compiler brings.
  command -v aarch64-linux-gnu-g++ >/dev/null || missing+=(g++-aarch64-linux-gnu)
  command -v qemu-aarch64 >/dev/null || missing+=(qemu-user)
  [ ${#missing[@]} -eq 0 ] && { echo "system tools present"; return; }
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing system packages; run as root, then run this again:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

npm_install() {
  # --ignore-scripts: npm would otherwise run node-gyp on binding.gyp here; the addon is built below.
  if [ -f package-lock.json ]; then npm ci --ignore-scripts --no-audit --no-fund; else npm install --ignore-scripts --no-audit --no-fund; fi
}

# node-gyp (prebuildify) compiles against the running Node's own headers, never downloaded ones.
export npm_config_nodedir="${npm_config_nodedir:-$(node -p 'require("path").resolve(process.execPath, "../..")')}"

step "apt (system tools)" apt_packages
step "fetch libolm" bash vendor/olm/fetch.sh
step "npm dependencies" npm_install
# The builds write apart (node-gyp: build/, CMake: build-cmake/, tsc: dist/), in any order.
step "native addon (cmake-js)" npm run --silent build:native
step "wasm module (emscripten)" npm run --silent build:wasm
step "typescript" npm run --silent build:ts
step "prebuilt addons (prebuildify, node-gyp)" env JOBS=2 npm run --silent prebuildify
echo "== set-up done"
printf '  %s\n' "${timings[@]}"
