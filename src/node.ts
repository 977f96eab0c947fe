// 'olm-universal' in Node (import and require): the native addon where it loads, WASM otherwise.
import './backends/register-native.js';

export * from './api/library.js';
