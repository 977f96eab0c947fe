// The WASM backend: libolm compiled by emscripten. Buffers are copied into the module's heap for
// each call, the outputs (as binding/functions.ts marks them) back out afterwards, then wiped.
import { OLM_ERROR, type Arg, type Backend, type Handle, type Kind } from './contract.js';
import { RESULT_TYPES, type OlmFunction } from '../binding/functions.js';
import createOlmWasm, { type OlmWasmModule } from '../olm-wasm.js';
import { describe } from '../api/bytes.js';
import { Collector } from './collector.js';
import { invokeWith } from './invoke.js';
import { defaultWasmUrl } from '../entry/location.js';
import { OLM_WASM_DIGEST } from '../olm-wasm-digest.js';

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
  registered = false;
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
  const what =
    bytes.length < 4 || String.fromCharCode(...bytes.subarray(0, 4)) !== '\0asm'
      ? 'not WebAssembly'
      : bytes.length < size
        ? 'shorter than it (truncated?)'
        : got === undefined
          ? 'another module'
          : 'another build of it';
  throw new TypeError(
    `olm-universal: ${from} is not olm-universal's olm-wasm.wasm of this version: ${what} ` +
      `(${bytes.length} bytes${got === undefined ? '' : `, checksum ${hex(got)}`}; expected ${size} bytes, checksum ${hex(checksum)}). ` +
      'Use the dist/olm-wasm.wasm of the installed olm-universal.',
  );
}

/** How an export's i32 result is read (see RESULT_TYPES). */
const Result = { Size: 0, Int: 1, Void: 2, Unsigned: 3 } as const;
type Result = (typeof Result)[keyof typeof Result];

function resultKind(name: string): Result {
  const type = (RESULT_TYPES as Readonly<Record<string, string | undefined>>)[name];
  return type === undefined ? Result.Size : type === 'int' ? Result.Int : type === 'void' ? Result.Void : Result.Unsigned;
}

/**
 * One export of the module. emscripten's Module._name is at first a stub that installs the raw
 * export on its first call; the stub's apply(arguments) costs as much as a short call, so the
 * raw export is read back after that call.
 */
interface Export {
  fn: (...args: number[]) => number;
  readonly key: `_olm_${string}`;
  raw: boolean;
  readonly result: Result;
}

export async function loadWasm(source: WasmSource = {}): Promise<Backend> {
  const { bytes, from } = await wasmBytes(source);
  checkWasm(bytes, from);
  const module: OlmWasmModule = await createOlmWasm({ wasmBinary: bytes });
  // Looked up once per name: the lookup by a computed key costs more than a short call.
  const exports = new Map<string, Export>();
  const exported = (name: string): Export => {
    let entry = exports.get(name);
    if (entry === undefined) {
      const key = `_${name}` as `_olm_${string}`;
      const fn = module[key];
      if (typeof fn !== 'function') throw new TypeError(`olm-universal: the WASM module has no ${name}`);
      entry = { fn, key, raw: false, result: resultKind(name) };
      exports.set(name, entry);
    }
    return entry;
  };
  /** Calls an export; the first call swaps emscripten's stub for the raw export it installs. */
  const invoke = (entry: Export, argv: readonly number[], count: number): number => {
    const result = invokeWith(entry.fn, argv, count);
    if (!entry.raw) {
      entry.raw = true;
      entry.fn = module[entry.key] ?? entry.fn;
    }
    return result;
  };
  const call0 = (name: string, ...args: number[]): number => invoke(exported(name), args, args.length);
  /** Each kind's object size and its constructor and destructor, looked up once. */
  const lifetimes = new Map<Kind, { size: number; init: Export; clear: Export }>();
  const lifetimeOf = (kind: Kind): { size: number; init: Export; clear: Export } => {
    let lifetime = lifetimes.get(kind);
    if (lifetime === undefined) {
      const size = call0(`olm_${kind}_size`);
      lifetime = { size, init: exported(`olm_${kind}`), clear: exported(`olm_clear_${kind}`) };
      lifetimes.set(kind, lifetime);
    }
    return lifetime;
  };

  // malloc() returned 0: the module's memory cannot grow by `size` (its limit is 2 GiB). A
  // RangeError, as V8 throws when an ArrayBuffer cannot be allocated.
  const outOfMemory = (size: number): RangeError =>
    new RangeError(
      `olm-universal: out of WASM memory (asked for ${size} bytes; the memory is ${module.HEAPU8.byteLength} bytes)`,
    );

  // One heap block reused by every call for its buffers (grown when a call needs more), instead
  // of a malloc and free per buffer; the part a call used is wiped when it returns, so it holds
  // only zeros between calls.
  let heapBlock = 0;
  let heapBlockSize = 0;
  const reserve = (size: number): number => {
    if (size > heapBlockSize) {
      if (heapBlock !== 0) module._free(heapBlock);
      heapBlockSize = 0;
      // At least 4 KiB: the short calls never reallocate it.
      const grown = Math.max(size, 4096);
      heapBlock = module._malloc(grown);
      if (heapBlock === 0) throw outOfMemory(size);
      heapBlockSize = grown;
      // Zeros from the start, and wiped back to zeros after each call (see call()).
      module.HEAPU8.fill(0, heapBlock, heapBlock + grown);
    }
    return heapBlock;
  };
  // The C arguments of the current call and its buffers' lengths, reused (calls never nest:
  // nothing in C calls back).
  const argv: number[] = [];
  const lengths: number[] = [];
  // The memory's ArrayBuffer: reading HEAPU8.buffer costs as much as a short copy, so it is
  // kept until the memory grows (HEAPU8 is then a new view).
  let heapView = module.HEAPU8;
  let heapBuffer = heapView.buffer;
  const memoryBuffer = (): ArrayBufferLike => {
    if (module.HEAPU8 !== heapView) heapBuffer = (heapView = module.HEAPU8).buffer;
    return heapBuffer;
  };

  let live = 0;
  const release = (cell: Cell): void => {
    if (cell.pointer === 0) return;
    live--;
    const { size, clear } = lifetimeOf(cell.kind);
    argv[0] = cell.pointer;
    invoke(clear, argv, 1);
    module.HEAPU8.fill(0, cell.pointer, cell.pointer + size);
    module._free(cell.pointer);
    cell.pointer = 0;
  };
  const collector = new Collector<WasmHandle, Cell>(release);

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
    primitives: cString(call0('olm_universal_primitives')),
    hardening: cString(call0('olm_universal_hardening')),

    create(kind: Kind): Handle {
      const { size, init } = lifetimeOf(kind);
      const pointer = module._malloc(size);
      if (pointer === 0) throw outOfMemory(size);
      argv[0] = pointer;
      invoke(init, argv, 1);
      live++;
      const handle = new WasmHandle({ pointer, kind });
      collector.watch(handle, handle.cell);
      return handle as unknown as Handle;
    },

    free(handle: Handle): void {
      if (!(handle instanceof WasmHandle)) throw new TypeError(`free: must be an olm handle, got ${describe(handle)}`);
      if (handle.cell.pointer === 0) return;
      collector.forget(handle);
      release(handle.cell);
    },

    copiesBuffers: true,

    call(fn: OlmFunction, args: Arg[], outputs = -1, inputs = -1, sized = 0): number {
      const entry = exported(fn);
      const count = args.length;
      // Buffers are laid out 8-byte aligned (libolm reads uint32_t/uint64_t through some).
      let size = 0;
      for (let i = 0; i < count; i++) {
        const arg = args[i];
        // -1: not a buffer. One instanceof per argument: it walks the prototype chain.
        const length = arg instanceof Uint8Array ? arg.byteLength : -1;
        lengths[i] = length;
        if (length >= 0) size += (length + 7) & ~7;
      }
      const base = size === 0 ? 0 : reserve(size);
      let used = 0;
      try {
        // After reserve(): a malloc that grows the memory replaces the view.
        const heap = module.HEAPU8;
        let previous = -1;
        for (let i = 0; i < count; i++) {
          const arg = args[i];
          const length = lengths[i]!;
          if (length >= 0) {
            // The one copy in, of the inputs only: the heap block is zeros between calls, which is
            // what an output starts as.
            const pointer = base + used;
            if ((inputs >>> i) & 1) heap.set(arg as Uint8Array, pointer);
            used += (length + 7) & ~7;
            argv[i] = pointer;
            previous = length;
          } else if (typeof arg === 'number') {
            // Same rule as the addon: a length after a buffer may not exceed it.
            if (previous >= 0 && arg > previous) throw new RangeError(`${fn}: argument ${i} is longer than the buffer before it`);
            argv[i] = arg;
            previous = -1;
          } else {
            argv[i] = pointerOf(arg, i, fn);
            previous = -1;
          }
        }
        const result = invoke(entry, argv, count);
        // The one copy out, of the outputs only (through a view of the memory: heap.subarray()
        // looks up a species constructor).
        if (outputs !== 0 && used > 0) {
          const memory = memoryBuffer();
          for (let i = 0; i < count; i++) {
            let length = lengths[i]!;
            // An output sized by the result: only what C wrote (nothing for an error or a "need").
            if ((sized >>> i) & 1) length = result >= 0 && result <= length ? result : 0;
            if ((outputs >>> i) & 1 && length > 0) (args[i] as Uint8Array).set(new Uint8Array(memory, argv[i], length));
          }
        }
        // Every result arrives as an i32. A size_t of olm_error() is -1 (size_t is 32 bits here);
        // a uint32_t or enum is unsigned (2^32-1 is a Megolm index, not an error); an int is signed.
        switch (entry.result) {
          case Result.Size:
            return result === -1 ? OLM_ERROR : result >>> 0;
          case Result.Int:
            return result | 0;
          case Result.Void:
            return 0;
          default:
            return result >>> 0;
        }
      } finally {
        if (used > 0) module.HEAPU8.fill(0, base, base + used);
      }
    },

    liveObjects: () => live,
    heap: () => module.HEAPU8,
  };
}
