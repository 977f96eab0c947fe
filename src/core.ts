// Calls into libolm over either backend: buffer lengths, scratch copies, randomness and errors
// are handled here, once, for both.
import { OLM_ERROR, type Arg, type Backend, type Handle } from './backend.js';
import { OLM_FUNCTIONS, type OlmFunction, type OlmFunctions } from './functions.js';
import { fillRandom, type RandomSource } from './random.js';
import { Scratch } from './scratch.js';

/** What the core does with one argument of a shape: pass it, append its length, or copy it first. */
const PASS = 0;
const BUFFER = 1;
const OVERWRITTEN = 2;

/** A function's shape (functions.ts), compiled once: the per-call loop reads no strings. */
interface Plan {
  /** PASS, BUFFER or OVERWRITTEN per argument of the shape. */
  readonly kinds: Uint8Array;
  /** Bit i set when C argument i is an output ('o', 'u', 'p'): the backend's `outputs`. */
  readonly outputs: number;
  /** Bit i set when C reads argument i (every argument but 'o' and 'p'): the backend's `inputs`. */
  readonly inputs: number;
  /** How many C arguments the shape expands to. */
  readonly width: number;
  /** Whether any argument is OVERWRITTEN. */
  readonly overwrites: boolean;
}

function compile(shape: string): Plan {
  const kinds = new Uint8Array(shape.length);
  let outputs = 0;
  let inputs = 0;
  let width = 0;
  for (let i = 0; i < shape.length; i++) {
    const c = shape[i];
    if (c === 'o' || c === 'u' || c === 'p') outputs |= 1 << width;
    if (c !== 'o' && c !== 'p') inputs |= 1 << width;
    kinds[i] = c === 'd' ? OVERWRITTEN : c === 'b' || c === 'o' || c === 'u' ? BUFFER : PASS;
    width += kinds[i] === PASS ? 1 : 2;
  }
  return { kinds, outputs, inputs, width, overwrites: kinds.includes(OVERWRITTEN) };
}

type ArgOf<C> = C extends 'h' ? Handle : C extends 'n' ? number : Uint8Array;
type ArgsOf<S extends string> = S extends `${infer C}${infer Rest}` ? [ArgOf<C>, ...ArgsOf<Rest>] : [];
export type CallArgs<F extends OlmFunction> = ArgsOf<OlmFunctions[F]>;

/** The functions that take an Olm object first: the methods of OlmObject.call. */
export type MethodFunction = {
  [F in OlmFunction]: OlmFunctions[F] extends `h${string}` ? F : never;
}[OlmFunction];
export type MethodArgs<F extends MethodFunction> = CallArgs<F> extends [Handle, ...infer Rest] ? Rest : never;

export class Core {
  /** Temporaries of the current call (see scratch.ts); synchronous use only. */
  readonly scratch = new Scratch();
  /** Where this instance's random bytes come from: the CSPRNG unless load() was given a seed. */
  random: RandomSource = fillRandom;

  constructor(readonly backend: Backend) {}

  readonly #plans = new Map<OlmFunction, Plan>();

  /**
   * Calls `fn` with every buffer followed by its byte length; buffers libolm overwrites are
   * passed as copies, wiped afterwards (unpickling decrypts secrets into them in place).
   */
  call<F extends OlmFunction>(fn: F, ...args: CallArgs<F>): number {
    return this.#call(fn, undefined, args as readonly Arg[]);
  }

  /** call() with the arguments in an array, for callers that already hold one. */
  callWith(fn: OlmFunction, args: readonly Arg[]): number {
    return this.#call(fn, undefined, args);
  }

  /** callWith() of a function whose first argument is `handle`, the rest in `args`. */
  callOn(fn: OlmFunction, handle: Handle, args: readonly Arg[]): number {
    return this.#call(fn, handle, args);
  }

  #call(fn: OlmFunction, handle: Handle | undefined, args: readonly Arg[]): number {
    let plan = this.#plans.get(fn);
    if (plan === undefined) this.#plans.set(fn, (plan = compile(OLM_FUNCTIONS[fn])));
    const { kinds } = plan;
    const expanded = new Array<Arg>(plan.width);
    // A backend that passes C copies (WASM) copies an overwritten buffer once, itself.
    const copy = plan.overwrites && !this.backend.copiesBuffers;
    const scratch = this.scratch;
    const mark = copy ? scratch.mark() : 0;
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
        const kind = kinds[i];
        if (kind === PASS) {
          expanded[at++] = arg;
          continue;
        }
        let bytes = arg as Uint8Array;
        // Anything but a Uint8Array goes through as it is, for the backend to refuse.
        if (kind === OVERWRITTEN && copy && bytes instanceof Uint8Array) (bytes = scratch.take(bytes.byteLength)).set(arg as Uint8Array);
        expanded[at++] = bytes;
        expanded[at++] = bytes.byteLength;
      }
      return this.backend.call(fn, expanded, plan.outputs, plan.inputs);
    } finally {
      if (copy) scratch.release(mark);
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
