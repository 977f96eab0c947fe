#!/usr/bin/env bash
# The prebuilt addons the package ships, both loadable on glibc >= 2.28 (native/glibc-baseline.h):
# linux-arm64, cross-compiled with Debian's aarch64 gcc, then linux-x64 on this (x86-64) machine.
# The x64 build goes last: prebuildify leaves its node-gyp build in build/, where node-gyp-build
# looks first, and an arm64 addon there would not load here.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname -m)" = x86_64 ] || { echo "prebuildify.sh cross-compiles from an x86-64 machine" >&2; exit 1; }
command -v aarch64-linux-gnu-g++ >/dev/null || {
  echo "no aarch64 cross compiler: apt-get install g++-aarch64-linux-gnu (scripts/setup.sh does)" >&2; exit 1; }
CC=aarch64-linux-gnu-gcc CXX=aarch64-linux-gnu-g++ \
  prebuildify --napi --strip --arch arm64 --strip-bin aarch64-linux-gnu-strip
prebuildify --napi --strip
