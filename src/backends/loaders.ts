// The backends an entry point can load. WASM runs everywhere; the Node entry points add the native
// addon (register-native.ts), so the browser entry's module graph never reaches the addon or a node:
// module and bundlers have nothing to choke on.
import type { Backend, BackendName, NativePrimitives } from './contract.js';
import type { WasmSource } from './wasm.js';

export interface LoadOptions extends WasmSource {
  nativePrimitives?: NativePrimitives;
}

export const backendLoaders: { [N in BackendName]?: (options: LoadOptions) => Promise<Backend> } = {
  wasm: async (source) => (await import('./wasm.js')).loadWasm(source),
};
