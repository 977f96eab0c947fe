// Where the package's files are, for the ES module build (dist/entry/location.js). The CommonJS build
// compiles location.cjs.ts in its place (tsconfig.cjs.json), since import.meta exists only here.
// No node: imports: the browser entry loads this module.

/** The package root (package.json, prebuilds/, build/), as a file URL in Node. */
export function packageRootUrl(): URL {
  const here = import.meta.url; // not `new URL('..', import.meta.url)`, which bundlers treat as an asset
  return new URL('../..', here);
}

/** The .wasm at the top of dist/. Literally `new URL('../…', import.meta.url)` so that bundlers
 * (Vite, webpack) emit the file and rewrite the URL. */
export function defaultWasmUrl(): URL {
  // esbuild's IIFE format (its default) and other non-module bundles leave import.meta empty.
  if (typeof import.meta.url !== 'string') {
    throw new TypeError(
      'olm-universal: this bundle has no import.meta.url (an IIFE or CommonJS bundle), so olm-wasm.wasm cannot ' +
        "be found beside it: pass init({ wasmUrl }) (e.g. import wasmUrl from 'olm-universal/olm-wasm.wasm' " +
        'with the bundler copying the file) or init({ wasmBinary })',
    );
  }
  return new URL('../olm-wasm.wasm', import.meta.url);
}

/** The default .wasm's directory, '' where it is unknown: emscripten's locateFile prefix. */
export function defaultWasmDirectory(): string {
  return typeof import.meta.url === 'string' ? new URL('.', defaultWasmUrl()).href : '';
}
