// The backends an entry point can load. WASM runs everywhere; the Node entry points add the native
// addon (native-loader.ts), so the browser entry's module graph never reaches the addon or a node:
// module and bundlers have nothing to choke on.
import type { Backend, BackendName, NativePrimitives } from './backend.js';
import type { WasmSource } from './backend-wasm.js';

export interface LoadOptions extends WasmSource {
  nativePrimitives?: NativePrimitives;
}

export const backendLoaders: { [N in BackendName]?: (options: LoadOptions) => Promise<Backend> } = {
  wasm: async (source) => (await import('./backend-wasm.js')).loadWasm(source),
};
