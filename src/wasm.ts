// 'olm-universal/wasm', and 'olm-universal' in browsers and bundlers: WebAssembly only. Nothing in
// this module graph imports the native addon or a node: module.
import { pinnedTo } from './entry/one-backend.js';

export * from './api/library.js';
/**
 * init() loads the WASM module and makes it the backend the exported classes use; load() loads it without
 * changing the default (see init and load of the main entry point).
 *
 * @throws TypeError when `backend` is other than 'auto' or 'wasm', or as the main entry point's init() and
 *   load()
 * @throws Error when the WASM module does not load
 */
export const { init, load } = pinnedTo('wasm');
