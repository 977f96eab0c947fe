// webpack 5 needs nothing for olm-universal: it emits the .wasm that new URL('./olm-wasm.wasm',
// import.meta.url) in the package names, and picks the browser build from "exports".
import { resolve } from 'node:path';

export default {
  mode: 'production',
  entry: './app/default.js',
  output: { path: resolve(import.meta.dirname, 'out/webpack'), filename: 'main.js' },
};
