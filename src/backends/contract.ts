// The contract both backends implement: create and free Olm objects, call a C function (libolm's,
// or one of the operations layer, native/ops/ops.h). Everything else (argument expansion,
// randomness, output sizing, errors, strings) is written once above it, in binding/calls.ts.
import type { Kind, OlmFunction } from '../binding/functions.js';

export type BackendName = 'native' | 'wasm';

/**
 * Which crypto core the native addon runs: native/crypto/ ('fast'), libolm's own ('stock'), or
 * the fast core without this project's hardening ('unhardened': table base64, no stack burns).
 * The last two exist only in a source build, for the benchmark's comparisons.
 */
export type NativePrimitives = 'fast' | 'stock' | 'unhardened';

/** The Olm object types, named as in libolm (olm_<kind>_size, olm_clear_<kind>, ...): src/binding/functions.ts. */
export type { Kind };

/** An opaque reference to one libolm object owned by a backend. */
export interface Handle {
  readonly __olmHandle: never;
}

/**
 * One C argument: an object handle, a buffer (passed by reference: libolm may write it), a number.
 * Backends with text() also take a string in an input buffer's place (C gets its UTF-8 bytes, and
 * the length after it is C's count of them) and null in the 'r' output's place (see text()).
 */
export type Arg = Handle | Uint8Array | number | string | null;

/** A size_t result equal to olm_error(), as both backends report it (other result types never are). */
export const OLM_ERROR = -1;

export interface Backend {
  readonly name: BackendName;
  /** The crypto core it runs, e.g. "fast: x25519-51, ..., aes-ni" (from the C build). */
  readonly primitives: string;
  /** The hardening the C build has, e.g. "constant-time-aes, constant-time-base64, ..." or "none". */
  readonly hardening: string;
  /** Allocates and initialises an object; its memory is wiped and freed by free() or by the GC. */
  create(kind: Kind): Handle;
  /** Wipes and frees the object now. Idempotent; a freed handle is refused by call(). */
  free(handle: Handle): void;
  /**
   * True when call() hands C copies of the buffers (WASM, whose C sees only its own memory): a
   * buffer libolm overwrites can then be passed as it is. False when C gets the caller's bytes
   * (native), which the core copies first.
   */
  readonly copiesBuffers: boolean;
  /**
   * Calls a libolm function with already-expanded C arguments. A size_t olm_error() is OLM_ERROR;
   * uint32_t and enum results are unsigned, int results signed, void results 0 or undefined.
   * Bit i of `outputs` is set when args[i] is a buffer libolm writes for the caller: a backend
   * that passes copies must copy those back (the others are inputs; see binding/functions.ts). Without
   * it, every buffer counts as an output. Bit i of `inputs` is set when libolm reads args[i]: such
   * a backend copies only those in, and hands C zeros for the others. Without it, every buffer
   * counts as an input. Bit i of `sized` is set when the part of output args[i] C wrote is as long
   * as the result (the operations layer's 'r'): a copying backend copies back only that part, and
   * nothing when the result is negative or larger than the buffer. `args` is the caller's to give
   * up (the core makes one per call): a backend may overwrite it, e.g. handles with their ids.
   */
  call(fn: OlmFunction, args: Arg[], outputs?: number, inputs?: number, sized?: number): number;
  /**
   * call() of an operation whose 'r' output is null, followed by a capacity: C writes into its own
   * buffer of that many bytes, and what it wrote comes back as a string (operations write base64
   * and JSON: ASCII); a "need" or an error is call()'s number. Optional: the core otherwise
   * encodes strings and decodes text in its scratch arena.
   */
  text?(fn: OlmFunction, args: Arg[], outputs?: number, inputs?: number, sized?: number): number | string;
  /**
   * Diagnostics for the tests, not public API: how many objects create() made that neither free()
   * nor the garbage collector has released yet.
   */
  liveObjects(): number;
  /** Diagnostics for the tests, WASM only: the module's whole memory, to look for secrets left in it. */
  heap?(): Uint8Array;
}
