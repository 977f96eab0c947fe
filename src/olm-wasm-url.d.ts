// The type of `import wasmUrl from 'olm-universal/olm-wasm.wasm'` (package.json "exports" points
// here for types): bundlers that copy the file (esbuild's --loader:.wasm=file, @rollup/plugin-url)
// make the import its URL. scripts/build-ts.sh copies this file to dist/.
declare const wasmUrl: string;
export default wasmUrl;
