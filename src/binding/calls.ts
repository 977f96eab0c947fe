// Calls into libolm and the operations layer over either backend: buffer lengths, scratch copies,
// the generator's state, output sizing and errors are handled here, once, for both.
import { OLM_ERROR, type Arg, type Backend, type Handle } from '../backends/contract.js';
import { ascii, type BytesLike } from '../api/bytes.js';
import { libolmError } from '../api/errors.js';
import { OLM_FUNCTIONS, type OlmFunction, type OlmFunctions, type Operation } from './functions.js';
import { Scratch } from './scratch.js';

/**
 * What the core does with one argument of a shape: pass it, append its length, copy it first, or
 * supply it (the generator's state, the output buffer).
 */
const PASS = 0;
const BUFFER = 1;
const OVERWRITTEN = 2;
const GENERATOR = 3;
const OUTPUT = 4;

/** A function's shape (functions.ts), compiled once: the per-call loop reads no strings. */
interface Plan {
  /** PASS, BUFFER or OVERWRITTEN per argument of the shape. */
  readonly kinds: Uint8Array;
  /** Bit i set when C argument i is an output ('o', 'u', 'p'): the backend's `outputs`. */
  readonly outputs: number;
  /** Bit i set when C reads argument i (every argument but 'o', 'r' and 'p'): the backend's `inputs`. */
  readonly inputs: number;
  /** Bit i set for the 'r' output, whose used length is the result: the backend's `sized`. */
  readonly sized: number;
  /** How many C arguments the shape expands to. */
  readonly width: number;
  /** Whether any argument is OVERWRITTEN. */
  readonly overwrites: boolean;
  /** The largest output this operation has asked for: the first size tried when the caller has none. */
  hint: number;
}

function compile(shape: string): Plan {
  const kinds = new Uint8Array(shape.length);
  let outputs = 0;
  let inputs = 0;
  let sized = 0;
  let width = 0;
  for (let i = 0; i < shape.length; i++) {
    const c = shape[i];
    if (c === 'o' || c === 'u' || c === 'p' || c === 'g' || c === 'r') outputs |= 1 << width;
    if (c !== 'o' && c !== 'p' && c !== 'r') inputs |= 1 << width;
    if (c === 'r') sized |= 1 << width;
    kinds[i] =
      c === 'd' ? OVERWRITTEN : c === 'g' ? GENERATOR : c === 'r' ? OUTPUT : c === 'b' || c === 'o' || c === 'u' ? BUFFER : PASS;
    width += kinds[i] === PASS ? 1 : 2;
  }
  return { kinds, outputs, inputs, sized, width, overwrites: kinds.includes(OVERWRITTEN), hint: 0 };
}

type ArgOf<C> = C extends 'h' ? Handle : C extends 'n' ? number : C extends 'b' | 'd' ? BytesLike : Uint8Array;
/** The caller's arguments of a shape: 'g' and 'r' are the core's. */
type ArgsOf<S extends string> = S extends `${infer C}${infer Rest}`
  ? C extends 'g' | 'r'
    ? ArgsOf<Rest>
    : [ArgOf<C>, ...ArgsOf<Rest>]
  : [];
export type CallArgs<F extends OlmFunction> = ArgsOf<OlmFunctions[F]>;

/** The functions that take an Olm object first: the methods of OlmObject.call. */
export type MethodFunction = {
  [F in OlmFunction]: OlmFunctions[F] extends `h${string}` ? F : never;
}[OlmFunction];
export type MethodArgs<F extends MethodFunction> = CallArgs<F> extends [Handle, ...infer Rest] ? Rest : never;

/** The operations that take an Olm object first, and those of them with an 'r' output. */
export type MethodOperation = Extract<MethodFunction, Operation>;
export type OutputOperation = {
  [F in MethodOperation]: OlmFunctions[F] extends `${string}r${string}` ? F : never;
}[MethodOperation];

const NO_GENERATOR = new Uint8Array(0);

/** An output C makes itself (Backend.text): given as its capacity, its text comes back as the result. */
const OWN_OUTPUT = (capacity: number): number => capacity;
/** An output's capacity: a buffer's length, or the length given for C's own (Backend.text). */
const capacity = (out: Uint8Array | number): number => (typeof out === 'number' ? out : out.byteLength);

export class Core {
  /** Temporaries of the current call (see scratch.ts); synchronous use only. */
  readonly scratch = new Scratch();
  /**
   * The seeded generator's state for an instance made by load({ insecureSeed }), advanced by C on
   * each request; empty otherwise: the operations then take the OS CSPRNG's bytes.
   */
  generator: Uint8Array = NO_GENERATOR;

  constructor(readonly backend: Backend) {}

  readonly #plans = new Map<OlmFunction, Plan>();

  #plan(fn: OlmFunction): Plan {
    let plan = this.#plans.get(fn);
    if (plan === undefined) this.#plans.set(fn, (plan = compile(OLM_FUNCTIONS[fn])));
    return plan;
  }

  /** Fills `bytes` from the generator (native/ops/random.c) and returns it. */
  random(bytes: Uint8Array): Uint8Array {
    const result = this.#call('olm_op_random', this.#plan('olm_op_random'), undefined, [], bytes);
    if (result !== bytes.byteLength) throw libolmError(-result, 'olm_op_random');
    return bytes;
  }

  /** Runs an operation on `handle` (native/ops/ops.h): its result, or its OlmError. */
  operate(fn: MethodOperation, handle: Handle, args: readonly Arg[]): number {
    const result = this.#call(fn, this.#plan(fn), handle, args, undefined);
    if (result < 0) throw libolmError(-result, fn);
    return result;
  }

  /**
   * Runs an operation with an 'r' output and returns the part of it C wrote. The output comes from
   * `take`: first `guess` bytes (when the caller knows a bound) or the largest this operation has
   * needed, then, if C asks for more, exactly that (C does nothing when the output is short).
   */
  output(fn: OutputOperation, handle: Handle, args: readonly Arg[], take: (length: number) => Uint8Array, guess = 0): Uint8Array {
    let out: Uint8Array | undefined;
    const result = this.#sized(fn, handle, args, guess, (length) => (out = take(length))) as number;
    return (out as Uint8Array).subarray(0, result);
  }

  /**
   * Runs an operation with an 'r' output of text (base64, JSON) and returns that text: decoded in C
   * where the backend can (Backend.text), else in the scratch arena. Sized as output() sizes.
   */
  text(fn: OutputOperation, handle: Handle, args: readonly Arg[], guess = 0): string {
    if (this.backend.text === undefined) {
      const scratch = this.scratch;
      const mark = scratch.mark();
      try {
        return ascii(this.output(fn, handle, args, (length) => scratch.take(length), guess));
      } finally {
        scratch.release(mark);
      }
    }
    return this.#sized(fn, handle, args, guess, OWN_OUTPUT) as string;
  }

  /**
   * The sizing both outputs share: the first output from `make` holds `guess` bytes or this
   * operation's largest so far; a larger result is the length C needs, made and tried once more.
   * Returns the result (a length, or the text of Backend.text); a negative one is its OlmError.
   */
  #sized(
    fn: OutputOperation,
    handle: Handle,
    args: readonly Arg[],
    guess: number,
    make: (length: number) => Uint8Array | number,
  ): number | string {
    const plan = this.#plan(fn);
    let out = make(guess > 0 ? guess : plan.hint);
    let result = this.#call(fn, plan, handle, args, out);
    if (typeof result === 'number' && result > capacity(out)) {
      if (guess <= 0) plan.hint = result;
      out = make(result);
      result = this.#call(fn, plan, handle, args, out);
    }
    if (typeof result === 'string') return result;
    if (result < 0) throw libolmError(-result, fn);
    // A number within the output is a length of bytes; a backend's text always comes back a string.
    if (result > capacity(out) || typeof out === 'number') {
      throw new Error(`olm-universal: ${fn} asked for ${result} bytes twice`);
    }
    return result;
  }

  /**
   * Calls `fn` with every buffer followed by its byte length; buffers libolm overwrites are
   * passed as copies, wiped afterwards (unpickling decrypts secrets into them in place).
   */
  call<F extends OlmFunction>(fn: F, ...args: CallArgs<F>): number {
    return this.#call(fn, this.#plan(fn), undefined, args as readonly Arg[], undefined);
  }

  /** call() with the arguments in an array, for callers that already hold one. */
  callWith(fn: OlmFunction, args: readonly Arg[]): number {
    return this.#call(fn, this.#plan(fn), undefined, args, undefined);
  }

  /** callWith() of a function whose first argument is `handle`, the rest in `args`. */
  callOn(fn: OlmFunction, handle: Handle, args: readonly Arg[]): number {
    return this.#call(fn, this.#plan(fn), handle, args, undefined);
  }

  #call(fn: OlmFunction, plan: Plan, handle: Handle | undefined, args: readonly Arg[], out: Uint8Array | undefined): number;
  #call(fn: OlmFunction, plan: Plan, handle: Handle | undefined, args: readonly Arg[], out: Uint8Array | number): number | string;
  /**
   * The one path into a backend. `out` is the 'r' output: a buffer, or (for Backend.text) the
   * capacity of C's own. Strings go to a backend with text() as they are, else into the scratch
   * arena as UTF-8.
   */
  #call(
    fn: OlmFunction,
    plan: Plan,
    handle: Handle | undefined,
    args: readonly Arg[],
    out: Uint8Array | number | undefined,
  ): number | string {
    const { kinds } = plan;
    const expanded = new Array<Arg>(plan.width);
    const backend = this.backend;
    const takesText = backend.text !== undefined;
    // A backend that passes C copies (WASM) copies an overwritten buffer once, itself.
    const copy = plan.overwrites && !backend.copiesBuffers;
    const scratch = this.scratch;
    const mark = scratch.mark();
    try {
      let at = 0;
      let next = 0;
      let i = 0;
      if (handle !== undefined) {
        expanded[at++] = handle;
        i = 1;
      }
      for (; i < kinds.length; i++) {
        const arg = args[next++] as Arg;
        const kind = kinds[i]!;
        if (kind === PASS) {
          expanded[at++] = arg;
          continue;
        }
        if (kind >= GENERATOR) {
          // Supplied here, not by the caller: no argument of theirs is used up.
          next--;
          if (typeof out === 'number' && kind === OUTPUT) {
            expanded[at++] = null;
            expanded[at++] = out;
            continue;
          }
          const bytes = kind === GENERATOR ? this.generator : (out as Uint8Array);
          expanded[at++] = bytes;
          expanded[at++] = bytes.byteLength;
          continue;
        }
        if (typeof arg === 'string') {
          // C measures the string's UTF-8 and gets its own copy of it (overwritten or not).
          if (takesText) {
            expanded[at++] = arg;
            expanded[at++] = 0;
            continue;
          }
          const bytes = scratch.encode(arg);
          expanded[at++] = bytes;
          expanded[at++] = bytes.byteLength;
          continue;
        }
        let bytes = arg as Uint8Array;
        // Anything but a Uint8Array goes through as it is, for the backend to refuse.
        if (kind === OVERWRITTEN && copy && bytes instanceof Uint8Array)
          (bytes = scratch.take(bytes.byteLength)).set(arg as Uint8Array);
        expanded[at++] = bytes;
        expanded[at++] = bytes.byteLength;
      }
      return typeof out === 'number'
        ? backend.text!(fn, expanded, plan.outputs, plan.inputs, plan.sized)
        : backend.call(fn, expanded, plan.outputs, plan.inputs, plan.sized);
    } finally {
      scratch.release(mark);
    }
  }

  /** libolm's version, e.g. "3.2.13". */
  version(): string {
    const parts = [new Uint8Array(1), new Uint8Array(1), new Uint8Array(1)] as const;
    this.call('olm_get_library_version', ...parts);
    return parts.map((p) => p[0]).join('.');
  }
}

export { OLM_ERROR };
