// The WASM backend: libolm compiled by emscripten. Buffers are copied into the module's heap for
// each call, the outputs (as functions.ts marks them) back out afterwards, then wiped.
import { OLM_ERROR, type Arg, type Backend, type Handle, type Kind } from './backend.js';
import { RESULT_TYPES, type OlmFunction } from './functions.js';
import createOlmWasm, { type OlmWasmModule } from './olm-wasm.js';
import { describe } from './bytes.js';
import { defaultWasmUrl } from './location.js';
import { OLM_WASM_DIGEST } from './olm-wasm-digest.js';

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

/** Node's process, or undefined. Through globalThis: a bare `process` makes Parcel bundle a polyfill. */
const nodeProcess = (): NodeJS.Process | undefined => {
  const { process } = globalThis as { process?: NodeJS.Process };
  return typeof process?.versions?.node === 'string' ? process : undefined;
};

/** The .wasm's bytes, and how to name it in an error. */
async function wasmBytes(source: WasmSource): Promise<{ bytes: Uint8Array; from: string }> {
  const { wasmBinary, wasmUrl } = source;
  if (wasmBinary !== undefined) {
    if (wasmBinary instanceof ArrayBuffer) return { bytes: new Uint8Array(wasmBinary), from: 'wasmBinary' };
    if (wasmBinary instanceof Uint8Array) return { bytes: wasmBinary, from: 'wasmBinary' };
    throw new TypeError(`olm-universal: wasmBinary must be an ArrayBuffer or Uint8Array, got ${describe(wasmBinary)}`);
  }
  if (wasmUrl !== undefined && typeof wasmUrl !== 'string' && !(wasmUrl instanceof URL)) {
    throw new TypeError(`olm-universal: wasmUrl must be a string or URL, got ${describe(wasmUrl)}`);
  }
  const where = wasmUrl ?? defaultWasmUrl();
  const node = nodeProcess();
  if (node !== undefined) {
    // Node's fetch() refuses file: URLs, and @matrix-org/olm's locateFile may return a path: both
    // are read from disk. process.getBuiltinModule, not an import of node:fs: bundlers of the
    // browser entry must not meet a node: module.
    const text = String(where);
    const isPath = !/^[a-z][a-z0-9+.-]+:/i.test(text); // "/a", "./a", "a", "C:\a": not URLs
    if (isPath || text.startsWith('file:')) {
      const { readFile } = node.getBuiltinModule('node:fs/promises');
      const { fileURLToPath, pathToFileURL } = node.getBuiltinModule('node:url');
      const path = isPath ? text : fileURLToPath(text);
      try {
        return { bytes: await readFile(path), from: isPath ? path : String(pathToFileURL(path)) };
      } catch (error) {
        throw new Error(`olm-universal: could not read the .wasm at ${path}: ${(error as Error).message}`, { cause: error });
      }
    }
  }
  let response: Response;
  try {
    response = await fetch(where);
  } catch (error) {
    throw new Error(`olm-universal: could not fetch ${String(where)}: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok) throw new Error(`olm-universal: could not fetch ${String(where)}: HTTP ${response.status}`);
  return { bytes: new Uint8Array(await response.arrayBuffer()), from: response.url || String(where) };
}

/** FNV-1a over the bytes: names a wrong file, not a defence (whoever swaps the .wasm swaps the JS). */
export function wasmChecksum(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}

/** Refuses any .wasm but the one built with this glue, before the glue instantiates it. */
function checkWasm(bytes: Uint8Array, from: string): void {
  const { size, checksum } = OLM_WASM_DIGEST;
  const got = bytes.length === size ? wasmChecksum(bytes) : undefined;
  if (got === checksum) return;
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  const what = bytes.length < 4 || String.fromCharCode(...bytes.subarray(0, 4)) !== '\0asm'
    ? 'not WebAssembly'
    : bytes.length < size ? 'shorter than it (truncated?)'
      : got === undefined ? 'another module' : 'another build of it';
  throw new TypeError(
    `olm-universal: ${from} is not olm-universal's olm-wasm.wasm of this version: ${what} ` +
      `(${bytes.length} bytes${got === undefined ? '' : `, checksum ${hex(got)}`}; expected ${size} bytes, checksum ${hex(checksum)}). ` +
      'Use the dist/olm-wasm.wasm of the installed olm-universal.',
  );
}

export async function loadWasm(source: WasmSource = {}): Promise<Backend> {
  const { bytes, from } = await wasmBytes(source);
  checkWasm(bytes, from);
  const module: OlmWasmModule = await createOlmWasm({ wasmBinary: bytes });
  // Looked up once per name: the lookup by a computed key costs more than a short call.
  const exports = new Map<string, (...args: number[]) => number>();
  const exported = (name: string): ((...args: number[]) => number) => {
    let fn = exports.get(name);
    if (fn === undefined) {
      fn = module[`_${name}` as `_olm_${string}`];
      if (typeof fn !== 'function') throw new TypeError(`olm-universal: the WASM module has no ${name}`);
      exports.set(name, fn);
    }
    return fn;
  };

  // malloc() returned 0: the module's memory cannot grow by `size` (its limit is 2 GiB). A
  // RangeError, as V8 throws when an ArrayBuffer cannot be allocated.
  const outOfMemory = (size: number): RangeError =>
    new RangeError(`olm-universal: out of WASM memory (asked for ${size} bytes; the memory is ${module.HEAPU8.byteLength} bytes)`);

  // One heap block reused by every call for its buffers (grown when a call needs more), instead
  // of a malloc and free per buffer; the part a call used is wiped when it returns.
  let arena = 0;
  let arenaSize = 0;
  const reserve = (size: number): number => {
    if (size > arenaSize) {
      if (arena !== 0) module._free(arena);
      arenaSize = 0;
      arena = module._malloc(size);
      if (arena === 0) throw outOfMemory(size);
      arenaSize = size;
    }
    return arena;
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
    // As the addon says of a freed handle: it names no live object.
    if (handle.cell.pointer === 0) throw new TypeError(`${fn}: argument ${index} was already freed`);
    return handle.cell.pointer;
  };

  // A C string the module owns (static, ASCII).
  const cString = (pointer: number): string => {
    const heap = module.HEAPU8;
    return String.fromCharCode(...heap.subarray(pointer, heap.indexOf(0, pointer)));
  };

  return {
    name: 'wasm',
    primitives: cString(exported('olm_universal_primitives')()),
    hardening: cString(exported('olm_universal_hardening')()),

    create(kind: Kind): Handle {
      const size = exported(`olm_${kind}_size`)();
      const pointer = module._malloc(size);
      if (pointer === 0) throw outOfMemory(size);
      exported(`olm_${kind}`)(pointer);
      live++;
      const handle = new WasmHandle({ pointer, kind });
      registry.register(handle, handle.cell, handle);
      return handle as unknown as Handle;
    },

    free(handle: Handle): void {
      if (!(handle instanceof WasmHandle)) throw new TypeError(`free: must be an olm handle, got ${describe(handle)}`);
      if (handle.cell.pointer === 0) return;
      registry.unregister(handle);
      release(handle.cell);
    },

    call(fn: OlmFunction, args: readonly Arg[], outputs = -1): number {
      const native = exported(fn);
      const argv: number[] = new Array<number>(args.length);
      // Buffers are laid out 8-byte aligned (libolm reads uint32_t/uint64_t through some).
      let size = 0;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg instanceof Uint8Array) size += (arg.byteLength + 7) & ~7;
      }
      const base = size === 0 ? 0 : reserve(size);
      let used = 0;
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
            const pointer = base + used;
            module.HEAPU8.set(arg, pointer);
            used += (arg.byteLength + 7) & ~7;
            argv[i] = pointer;
            previous = arg.byteLength;
          } else {
            argv[i] = pointerOf(arg, i, fn);
            previous = -1;
          }
        }
        const result = native(...argv);
        const heap = module.HEAPU8;
        for (let i = 0; i < args.length; i++) {
          const arg = args[i];
          if ((outputs >>> i) & 1 && arg instanceof Uint8Array) arg.set(heap.subarray(argv[i], argv[i]! + arg.byteLength));
        }
        // Every result arrives as an i32. A size_t of olm_error() is -1 (size_t is 32 bits here);
        // a uint32_t or enum is unsigned (2^32-1 is a Megolm index, not an error); an int is signed.
        const type = RESULT_TYPES[fn];
        if (type === undefined) return result === -1 ? OLM_ERROR : result >>> 0;
        return type === 'int' ? result | 0 : type === 'void' ? 0 : result >>> 0;
      } finally {
        if (used > 0) module.HEAPU8.fill(0, base, base + used);
      }
    },

    liveObjects: () => live,
    heap: () => module.HEAPU8,
  };
}
