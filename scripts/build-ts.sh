#!/usr/bin/env bash
# The TypeScript, twice: ES modules into dist/ (tsconfig.json), CommonJS into dist/cjs/
# (tsconfig.cjs.json), each with its .d.ts and maps; then dist/node-import/, Node's import of the
# CommonJS build (scripts/esm-wrappers.mjs). dist/olm-wasm.{js,wasm} and dist/cjs/olm-wasm.js are
# the WASM module's, built in build-cmake/wasm/module/ (wasm/build.sh) and copied in here too, so
# either build may run first.
set -euo pipefail
cd "$(dirname "$0")/.."
tsc -p tsconfig.json
tsc -p tsconfig.cjs.json
# The CommonJS stand-ins (see tsconfig.cjs.json): each src/**/NAME.cjs.ts replaces NAME.ts in the
# CommonJS build, under NAME's name (the maps keep pointing at the .cjs.ts sources).
for stand_in in $(cd src && find . -name '*.cjs.ts' | sort); do
  base="${stand_in#./}"
  base="${base%.cjs.ts}"
  for ext in js d.ts; do
    mv "dist/cjs/$base.cjs.$ext" "dist/cjs/$base.$ext"
    if [ -f "dist/cjs/$base.cjs.$ext.map" ]; then
      sed -e "s#\"file\":\"[^\"]*\"#\"file\":\"$(basename "$base").$ext\"#" "dist/cjs/$base.cjs.$ext.map" > "dist/cjs/$base.$ext.map"
      rm "dist/cjs/$base.cjs.$ext.map"
      sed -i -e "s#sourceMappingURL=$(basename "$base").cjs.$ext.map#sourceMappingURL=$(basename "$base").$ext.map#" "dist/cjs/$base.$ext"
    fi
  done
done
# Output whose source is gone (a module moved or removed) would still ship: prune it. Not the WASM
# build's (olm-wasm*) nor the wrappers below.
find dist -name '*.js' ! -path 'dist/node-import/*' ! -name 'olm-wasm*' | while read -r file; do
  base="${file#dist/}"
  base="${base#cjs/}"
  base="${base%.js}"
  if [ ! -e "src/$base.ts" ] && [ ! -e "src/$base.cjs.ts" ]; then
    rm -f "${file%.js}.js" "${file%.js}.js.map" "${file%.js}.d.ts" "${file%.js}.d.ts.map"
  fi
done
echo '{ "type": "commonjs" }' > dist/cjs/package.json
node scripts/esm-wrappers.mjs
cp src/olm-wasm-url.d.ts dist/olm-wasm-url.d.ts
if [ -d build-cmake/wasm/module ]; then cp -r build-cmake/wasm/module/. dist/; fi
