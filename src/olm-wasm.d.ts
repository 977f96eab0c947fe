// Types of the emscripten factory that wasm/build.sh writes to dist/olm-wasm.js.
export interface OlmWasmModule {
  readonly HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(pointer: number): void;
  [name: `_olm_${string}`]: ((...args: number[]) => number) | undefined;
}

export interface OlmWasmOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
}

export default function createOlmWasm(options?: OlmWasmOptions): Promise<OlmWasmModule>;
