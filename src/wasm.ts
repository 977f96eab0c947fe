// 'olm-universal/wasm', and 'olm-universal' in browsers and bundlers: WebAssembly only. Nothing in
// this module graph imports the native addon or a node: module.
import { pinnedTo } from './entry/one-backend.js';

export * from './api/library.js';
/** Loads the WASM module and makes it the backend the exported classes use. */
export const { init, load } = pinnedTo('wasm');
