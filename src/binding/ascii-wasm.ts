// Browsers' fast path between ASCII strings and bytes: a tiny WebAssembly module, assembled below,
// whose memory is the Scratch arena. A string's UTF-16 units are copied in one call of the
// js-string builtin intoCharCodeArray (WasmGC) and narrowed to bytes in the memory; ASCII output
// bytes become a string through fromCharCodeArray. In Chromium TextEncoder.encodeInto and
// TextDecoder.decode are DOM bindings: ~300 ns a call plus ~1 ns a character (66 characters:
// ~300 ns, against ~80 ns here; 1 KiB: ~1.25 us against ~1.0 us; decoding 43 bytes: ~190 ns
// against ~40 ns). Node's are native to the engine (~0.1 us for 1 KiB, ~90 ns for 43 bytes, in
// Node 20 on the same machine), so this is not used there (nor in Deno, whose are of that kind).

/** The parts of WebAssembly used here (the project's TypeScript lib has no WebAssembly types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  // With the compile options of the js-string builtins proposal.
  Module: new (bytes: Uint8Array, options: { builtins: string[] }) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** Where an ASCII string is written: the module's memory, for the Scratch arena to view. */
export interface AsciiWasm {
  readonly memory: WasmMemory;
  /**
   * Writes `text` at byte `at` of the memory when it is all ASCII and at most `max` units long;
   * returns its length, or -1 for TextEncoder to handle it (any byte it wrote is zeroed again).
   */
  encode(text: string, at: number, max: number): number;
  /** Grows the memory by `pages` (64 KiB each): views of it made before are then detached. */
  grow(pages: number): void;
}

/** The instances by their memory's current buffer, for decodeAscii(). */
const byBuffer = new WeakMap<ArrayBufferLike, { decode(at: number, n: number): string | null }>();
let anyInstance = false;

/**
 * The text of `bytes` when they are ASCII and in the memory of an instance (the Scratch arena,
 * where libolm's outputs are written); else undefined, for TextDecoder. Chromium's TextDecoder
 * costs ~200 ns for a 43-byte base64 MAC; this, ~40 ns.
 */
export function decodeAscii(bytes: Uint8Array): string | undefined {
  if (!anyInstance) return undefined;
  const instance = byBuffer.get(bytes.buffer);
  if (instance === undefined) return undefined;
  return instance.decode(bytes.byteOffset, bytes.byteLength) ?? undefined;
}

/** The memory's largest size, in 64 KiB pages: Scratch's largest arena (1 MiB). */
export const ASCII_MAX_PAGES = 16;

// WebAssembly's binary format: the opcodes and type codes this module uses.
const I32 = 0x7f;
const EXTERNREF = 0x6f;
const EXTERN = 0x6f;
const REF = 0x64;
const REF_NULL = 0x63;
const I16 = 0x77;
const [BLOCK, LOOP, IF, END, BR, BR_IF, RETURN, CALL, DROP] = [0x02, 0x03, 0x04, 0x0b, 0x0c, 0x0d, 0x0f, 0x10, 0x1a];
const [LOCAL_GET, LOCAL_SET, LOCAL_TEE, GLOBAL_GET, GLOBAL_SET] = [0x20, 0x21, 0x22, 0x23, 0x24];
const [I32_LOAD8_U, I32_STORE, I32_STORE8, I32_CONST] = [0x2d, 0x36, 0x3a, 0x41];
const [I32_EQZ, I32_GT_U, I32_GE_U, I32_ADD, I32_OR, I32_SHL] = [0x45, 0x4b, 0x4f, 0x6a, 0x72, 0x74];
const [REF_NULL_OP, REF_IS_NULL] = [0xd0, 0xd1];
const GC = 0xfb;
const [ARRAY_NEW_DEFAULT, ARRAY_GET_U, ARRAY_SET, ARRAY_LEN, ARRAY_FILL] = [0x07, 0x0d, 0x0e, 0x0f, 0x10];
const MEMORY_FILL = [0xfc, 0x0b, 0x00];
const VOID = 0x40;

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    const low = n & 0x7f;
    n >>>= 7;
    out.push(n !== 0 ? low | 0x80 : low);
  } while (n !== 0);
  return out;
};
const name = (text: string): number[] => [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];
const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];

// Types: 0 the UTF-16 buffer (array (mut i16)); 1 intoCharCodeArray(string, array, start) -> count;
// 2 length(string) -> i32; 3 fromCharCodeArray(array, start, end) -> string; 4 encode(string, at,
// max) -> length or -1; 5 decode(at, n) -> string or null.
const TYPES = vector([
  [0x5e, I16, 0x01],
  [0x60, 3, EXTERNREF, REF_NULL, 0, I32, 1, I32],
  [0x60, 1, EXTERNREF, 1, I32],
  [0x60, 3, REF_NULL, 0, I32, I32, 1, REF, EXTERN],
  [0x60, 3, EXTERNREF, I32, I32, 1, I32],
  [0x60, 2, I32, I32, 1, EXTERNREF],
]);
const [INTO_CHAR_CODE_ARRAY, LENGTH, FROM_CHAR_CODE_ARRAY, ENCODE, DECODE] = [0, 1, 2, 3, 4];
const IMPORTS = vector([
  [...name('wasm:js-string'), ...name('intoCharCodeArray'), 0x00, 1],
  [...name('wasm:js-string'), ...name('length'), 0x00, 2],
  [...name('wasm:js-string'), ...name('fromCharCodeArray'), 0x00, 3],
]);
const FUNCTIONS = vector([[4], [5]]);
const MEMORIES = vector([[0x01, 1, ASCII_MAX_PAGES]]);
// The UTF-16 buffer, kept between calls (grown to the longest string), zeros between calls.
const GLOBALS = vector([[REF_NULL, 0, 0x01, REF_NULL_OP, 0, END]]);
const EXPORTS = vector([
  [...name('encode'), 0x00, ENCODE],
  [...name('decode'), 0x00, DECODE],
  [...name('memory'), 0x02, 0],
]);

// encode's locals: 0 text, 1 at, 2 max (parameters); 3 n, 4 i, 5 or (every unit OR-ed), 6 the
// units of one step (with 8-10); 7 the UTF-16 buffer.
const [TEXT, AT, MAX, N, I, OR, UNITS] = [0, 1, 2, 3, 4, 5, 7];
const [U0, U1, U2, U3] = [6, 8, 9, 10];
const get = (local: number): number[] => [LOCAL_GET, local];
/** Sets local `units` to the UTF-16 buffer, first made anew when missing or shorter than local `n`. */
const buffer = (n: number, units: number): number[] => [
  BLOCK, VOID,
  GLOBAL_GET, 0, LOCAL_TEE, units, REF_IS_NULL, I32_EQZ, IF, VOID,
  ...get(units), GC, ARRAY_LEN, ...get(n), I32_GE_U, BR_IF, 1,
  END,
  ...get(n), GC, ARRAY_NEW_DEFAULT, 0, LOCAL_TEE, units, GLOBAL_SET, 0,
  END,
];
const unit = (offset: number): number[] => [...get(UNITS), ...get(I), ...(offset > 0 ? [I32_CONST, offset, I32_ADD] : []), GC, ARRAY_GET_U, 0];
const BODY = [
  ...vector([
    [4, I32],
    [1, REF_NULL, 0],
    [3, I32],
  ]),
  // n = length(text); longer than max: -1.
  ...get(TEXT), CALL, LENGTH, LOCAL_SET, N,
  ...get(N), ...get(MAX), I32_GT_U, IF, VOID, I32_CONST, 0x7f, RETURN, END,
  ...buffer(N, UNITS),
  ...get(TEXT), ...get(UNITS), I32_CONST, 0, CALL, INTO_CHAR_CODE_ARRAY, DROP,
  // Four units a step, stored as one little-endian i32 (a unit over 0xff spills into the next
  // byte, but then `or` says not ASCII and the bytes are wiped).
  BLOCK, VOID, LOOP, VOID,
  ...get(I), I32_CONST, 4, I32_ADD, ...get(N), I32_GT_U, BR_IF, 1,
  ...get(AT), ...get(I), I32_ADD,
  ...unit(0), LOCAL_TEE, U0,
  ...unit(1), LOCAL_TEE, U1, I32_CONST, 8, I32_SHL, I32_OR,
  ...unit(2), LOCAL_TEE, U2, I32_CONST, 16, I32_SHL, I32_OR,
  ...unit(3), LOCAL_TEE, U3, I32_CONST, 24, I32_SHL, I32_OR,
  I32_STORE, 0x00, 0x00,
  ...get(OR), ...get(U0), I32_OR, ...get(U1), I32_OR, ...get(U2), I32_OR, ...get(U3), I32_OR, LOCAL_SET, OR,
  ...get(I), I32_CONST, 4, I32_ADD, LOCAL_SET, I,
  BR, 0,
  END, END,
  // The last 0-3 units one at a time.
  BLOCK, VOID, LOOP, VOID,
  ...get(I), ...get(N), I32_GE_U, BR_IF, 1,
  ...get(AT), ...get(I), I32_ADD, ...unit(0), LOCAL_TEE, U0, I32_STORE8, 0x00, 0x00,
  ...get(OR), ...get(U0), I32_OR, LOCAL_SET, OR,
  ...get(I), I32_CONST, 1, I32_ADD, LOCAL_SET, I,
  BR, 0,
  END, END,
  // Wipe the text's units from the buffer.
  ...get(UNITS), I32_CONST, 0, I32_CONST, 0, ...get(N), GC, ARRAY_FILL, 0,
  // A unit over 0x7f (bit 7 or above set in `or`): wipe the bytes written, -1.
  ...get(OR), I32_CONST, 0xff, 0x00, I32_GT_U, IF, VOID,
  ...get(AT), I32_CONST, 0, ...get(N), ...MEMORY_FILL, I32_CONST, 0x7f, RETURN,
  END,
  ...get(N),
  END,
];

// decode's locals: 0 at, 1 n (parameters); 2 i, 3 the byte; 4 the UTF-16 buffer.
const [D_AT, D_N, D_I, D_BYTE, D_UNITS] = [0, 1, 2, 3, 4];
const DECODE_BODY = [
  ...vector([
    [2, I32],
    [1, REF_NULL, 0],
  ]),
  ...buffer(D_N, D_UNITS),
  BLOCK, VOID, LOOP, VOID,
  ...get(D_I), ...get(D_N), I32_GE_U, BR_IF, 1,
  ...get(D_AT), ...get(D_I), I32_ADD, I32_LOAD8_U, 0x00, 0x00, LOCAL_TEE, D_BYTE,
  // Not ASCII: wipe the units copied so far, null (TextDecoder then decides).
  I32_CONST, 0xff, 0x00, I32_GT_U, IF, VOID,
  ...get(D_UNITS), I32_CONST, 0, I32_CONST, 0, ...get(D_I), GC, ARRAY_FILL, 0, REF_NULL_OP, EXTERN, RETURN,
  END,
  ...get(D_UNITS), ...get(D_I), ...get(D_BYTE), GC, ARRAY_SET, 0,
  ...get(D_I), I32_CONST, 1, I32_ADD, LOCAL_SET, D_I,
  BR, 0,
  END, END,
  ...get(D_UNITS), I32_CONST, 0, ...get(D_N), CALL, FROM_CHAR_CODE_ARRAY,
  ...get(D_UNITS), I32_CONST, 0, I32_CONST, 0, ...get(D_N), GC, ARRAY_FILL, 0,
  END,
];
const CODE = vector([
  [...uleb(BODY.length), ...BODY],
  [...uleb(DECODE_BODY.length), ...DECODE_BODY],
]);

const BYTES = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, TYPES),
  ...section(2, IMPORTS),
  ...section(3, FUNCTIONS),
  ...section(5, MEMORIES),
  ...section(6, GLOBALS),
  ...section(7, EXPORTS),
  ...section(10, CODE),
]);

/** Whether this is a server runtime (Node, Deno; Bun says it is Node), whose TextEncoder is faster. */
function serverRuntime(): boolean {
  const host = globalThis as { process?: { versions?: { node?: unknown } }; Deno?: unknown };
  return typeof host.process?.versions?.node === 'string' || host.Deno !== undefined;
}

let compiled: object | null | undefined;

/**
 * A new instance (its own memory) where the engine has WasmGC and the js-string builtins and the
 * host is a browser; else undefined, and TextEncoder does all the work. `anyHost` is for tests.
 */
export function asciiWasm(anyHost = false): AsciiWasm | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if ((!anyHost && serverRuntime()) || wasm === undefined) return undefined;
  if (compiled === undefined) {
    try {
      // An engine without the builtins ignores the option, and the import below then fails.
      compiled = new wasm.Module(BYTES, { builtins: ['js-string'] });
    } catch {
      compiled = null;
    }
  }
  if (compiled === null) return undefined;
  try {
    const { exports } = new wasm.Instance(compiled, {});
    const memory = exports['memory'] as WasmMemory;
    const decode = { decode: exports['decode'] as (at: number, n: number) => string | null };
    byBuffer.set(memory.buffer, decode);
    anyInstance = true;
    return {
      memory,
      encode: exports['encode'] as AsciiWasm['encode'],
      grow(pages: number): void {
        memory.grow(pages);
        byBuffer.set(memory.buffer, decode);
      },
    };
  } catch {
    compiled = null;
    return undefined;
  }
}
