#!/usr/bin/env bash
# The TypeScript, twice: ES modules into dist/ (tsconfig.json), CommonJS into dist/cjs/
# (tsconfig.cjs.json), each with its .d.ts. dist/cjs/olm-wasm.js comes from wasm/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
tsc -p tsconfig.json
tsc -p tsconfig.cjs.json
# location.cjs.ts stands in for location.ts in the CommonJS build, under location.ts's name.
mv dist/cjs/location.cjs.js dist/cjs/location.js
mv dist/cjs/location.cjs.d.ts dist/cjs/location.d.ts
echo '{ "type": "commonjs" }' > dist/cjs/package.json
cp src/olm-wasm-url.d.ts dist/olm-wasm-url.d.ts
