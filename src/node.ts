// 'olm-universal' in Node (import and require): the native addon where it loads, WASM otherwise.
import './native-loader.js';

export * from './index.js';
