// Calls into libolm over either backend: buffer lengths, scratch copies, randomness and errors
// are handled here, once, for both.
import { OLM_ERROR, type Arg, type Backend, type Handle } from './backend.js';
import { OLM_FUNCTIONS, type OlmFunction, type OlmFunctions } from './functions.js';
import { fillRandom, type RandomSource } from './random.js';
import { Scratch } from './scratch.js';

const B = 'b'.charCodeAt(0);
const O = 'o'.charCodeAt(0);
const D = 'd'.charCodeAt(0);
const P = 'p'.charCodeAt(0);

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

  /**
   * Calls `fn` with every buffer followed by its byte length; buffers libolm overwrites are
   * passed as copies, wiped afterwards (unpickling decrypts secrets into them in place).
   */
  call<F extends OlmFunction>(fn: F, ...args: CallArgs<F>): number {
    return this.callWith(fn, args as readonly Arg[]);
  }

  /** call() with the arguments in an array, for callers that already hold one. */
  callWith(fn: OlmFunction, args: readonly Arg[]): number {
    const shape: string = OLM_FUNCTIONS[fn];
    const expanded: Arg[] = [];
    let outputs = 0;
    const scratch = this.scratch;
    const mark = scratch.mark();
    try {
      for (let i = 0; i < shape.length; i++) {
        const arg = args[i] as Arg;
        const kind = shape.charCodeAt(i);
        if (kind === O || kind === P) outputs |= 1 << expanded.length;
        if (kind === B || kind === O || kind === D) {
          let bytes = arg as Uint8Array;
          // Anything but a Uint8Array goes through as it is, for the backend to refuse.
          if (kind === D && bytes instanceof Uint8Array) (bytes = scratch.take(bytes.byteLength)).set(arg as Uint8Array);
          expanded.push(bytes, bytes.byteLength);
        } else {
          expanded.push(arg);
        }
      }
      return this.backend.call(fn, expanded, outputs);
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
