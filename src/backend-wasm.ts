// The WASM backend: libolm compiled by emscripten. Buffers are copied into the module's heap for
// each call and back out afterwards (libolm may write any of them), then wiped and freed.
import type { Arg, Backend, Handle, Kind } from './backend.js';
import type { OlmFunction } from './functions.js';
import createOlmWasm, { type OlmWasmModule } from './olm-wasm.js';
import { describe } from './bytes.js';
import { defaultWasmUrl } from './location.js';

/** Where the .wasm comes from when the default (next to this module) does not suit. */
export interface WasmSource {
  /** The module's bytes. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch it from. */
  wasmUrl?: string | URL;
}

interface Cell {
  pointer: number;
  readonly kind: Kind;
}

class WasmHandle {
  constructor(readonly cell: Cell) {}
}

async function wasmBytes(source: WasmSource): Promise<ArrayBuffer | Uint8Array> {
  if (source.wasmBinary) return source.wasmBinary;
  const url = source.wasmUrl ?? defaultWasmUrl();
  const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';
  if (isNode && String(url).startsWith('file:')) {
    // Node's fetch() refuses file: URLs. getBuiltinModule, not import('node:fs'): bundlers of the
    // browser entry must not meet a node: module.
    const { readFile } = process.getBuiltinModule('node:fs/promises');
    return readFile(new URL(String(url)));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`olm-universal: could not fetch ${String(url)}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

export async function loadWasm(source: WasmSource = {}): Promise<Backend> {
  const module: OlmWasmModule = await createOlmWasm({ wasmBinary: await wasmBytes(source) });
  const exported = (name: string): ((...args: number[]) => number) => {
    const fn = module[`_${name}` as `_olm_${string}`];
    if (typeof fn !== 'function') throw new TypeError(`olm-universal: the WASM module has no ${name}`);
    return fn;
  };

  let live = 0;
  const release = (cell: Cell): void => {
    if (cell.pointer === 0) return;
    live--;
    const size = exported(`olm_${cell.kind}_size`)();
    exported(`olm_clear_${cell.kind}`)(cell.pointer);
    module.HEAPU8.fill(0, cell.pointer, cell.pointer + size);
    module._free(cell.pointer);
    cell.pointer = 0;
  };
  const registry = new FinalizationRegistry(release);

  const pointerOf = (handle: unknown, index: number, fn: string): number => {
    if (!(handle instanceof WasmHandle)) {
      throw new TypeError(`${fn}: argument ${index} must be an olm handle, got ${describe(handle)}`);
    }
    if (handle.cell.pointer === 0) throw new Error(`${fn}: argument ${index} was already freed`);
    return handle.cell.pointer;
  };

  return {
    name: 'wasm',

    create(kind: Kind): Handle {
      const size = exported(`olm_${kind}_size`)();
      const pointer = module._malloc(size);
      if (pointer === 0) throw new Error('olm-universal: out of WASM memory');
      exported(`olm_${kind}`)(pointer);
      live++;
      const handle = new WasmHandle({ pointer, kind });
      registry.register(handle, handle.cell, handle);
      return handle as unknown as Handle;
    },

    free(handle: Handle): void {
      const cell = (handle as unknown as WasmHandle).cell;
      pointerOf(handle, 0, 'free');
      registry.unregister(handle);
      release(cell);
    },

    call(fn: OlmFunction, args: readonly Arg[]): number {
      const native = exported(fn);
      const argv: number[] = new Array<number>(args.length);
      const buffers: Array<[Uint8Array, number]> = [];
      try {
        let previous = -1;
        for (let i = 0; i < args.length; i++) {
          const arg = args[i];
          if (typeof arg === 'number') {
            // Same rule as the addon: a length after a buffer may not exceed it.
            if (previous >= 0 && arg > previous) throw new RangeError(`${fn}: argument ${i} is longer than the buffer before it`);
            argv[i] = arg;
            previous = -1;
          } else if (arg instanceof Uint8Array) {
            const pointer = module._malloc(Math.max(arg.byteLength, 1));
            if (pointer === 0) throw new Error('olm-universal: out of WASM memory');
            buffers.push([arg, pointer]);
            module.HEAPU8.set(arg, pointer);
            argv[i] = pointer;
            previous = arg.byteLength;
          } else {
            argv[i] = pointerOf(arg, i, fn);
            previous = -1;
          }
        }
        const result = native(...argv);
        for (const [bytes, pointer] of buffers) bytes.set(module.HEAPU8.subarray(pointer, pointer + bytes.byteLength));
        // size_t olm_error() arrives as -1 (i32); other values are unsigned.
        return result === -1 ? -1 : result >>> 0;
      } finally {
        for (const [bytes, pointer] of buffers) {
          module.HEAPU8.fill(0, pointer, pointer + bytes.byteLength);
          module._free(pointer);
        }
      }
    },

    liveObjects: () => live,
    heap: () => module.HEAPU8,
  };
}
