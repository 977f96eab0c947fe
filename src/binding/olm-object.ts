// The base of every public class: owns one libolm object on one backend, frees it once.
// The reference carries Symbol.dispose's type into our .d.ts for consumers on older `lib`s.
/// <reference lib="esnext.disposable" preserve="true" />
import type { Arg, Handle, Kind } from '../backends/contract.js';
import { Core, OLM_ERROR, type MethodArgs, type MethodFunction, type MethodOperation, type OutputOperation } from './calls.js';
import { describe, toInput, type BytesLike } from '../api/bytes.js';
import { libolmError, OlmError } from '../api/errors.js';
import { returnsSize, type OlmFunction, type OlmFunctions } from './functions.js';
import type { Scratch } from './scratch.js';

/** The libolm functions whose argument shape is S, e.g. 'hbd' unpicklers. */
type Shaped<S extends string> = { [F in OlmFunction]: OlmFunctions[F] extends S ? F : never }[OlmFunction];
type PickleOperation = Extract<OutputOperation, `olm_op_pickle_${string}`>;

// Classes bound to one backend (load() in api/library.ts) map to that backend's core, and so do their
// subclasses (coreFor looks along the prototype chain); the exported classes, and subclasses of
// them, fall back to the default one set by init().
const boundCores = new WeakMap<object, Core>();
let defaultCore: Core | undefined;

export function setDefaultCore(core: Core): void {
  defaultCore = core;
}

export function bindCore(ctor: object, core: Core): void {
  boundCores.set(ctor, core);
}

export function coreFor(ctor: object): Core {
  let core: Core | undefined;
  for (let c: object | null = ctor; c !== null && core === undefined; c = Object.getPrototypeOf(c) as object | null) {
    core = boundCores.get(c);
  }
  core ??= defaultCore;
  if (core === undefined) throw new Error('olm-universal: call `await init()` before creating Olm objects');
  return core;
}

/** Each kind's public class and how to make one, for the TypeError of `new Account()` and the like. */
const CLASSES: Record<Kind, { name: string; factories: string }> = {
  account: { name: 'Account', factories: 'Account.create() or Account.unpickle()' },
  session: { name: 'Session', factories: 'Session.createOutbound(), Session.createInbound() or Session.unpickle()' },
  utility: { name: 'Utility', factories: 'Utility.create()' },
  outbound_group_session: {
    name: 'OutboundGroupSession',
    factories: 'OutboundGroupSession.create() or OutboundGroupSession.unpickle()',
  },
  inbound_group_session: {
    name: 'InboundGroupSession',
    factories: 'InboundGroupSession.create(), InboundGroupSession.import() or InboundGroupSession.unpickle()',
  },
  pk_encryption: { name: 'PkEncryption', factories: 'PkEncryption.create()' },
  pk_decryption: {
    name: 'PkDecryption',
    factories: 'PkDecryption.create(), PkDecryption.fromPrivateKey() or PkDecryption.unpickle()',
  },
  pk_signing: { name: 'PkSigning', factories: 'PkSigning.fromSeed()' },
  sas: { name: 'Sas', factories: 'Sas.create()' },
};

export abstract class OlmObject {
  #handle: Handle | null;
  readonly #core: Core;
  readonly #kind: Kind;

  protected constructor(core: Core, kind: Kind) {
    // `new Account()` from JavaScript (as @matrix-org/olm is used) reaches here without a core.
    if (!(core instanceof Core)) {
      const known = Object.values(CLASSES).find((c) => c.name === new.target.name);
      const name = known?.name ?? new.target.name;
      throw new TypeError(
        `olm-universal: use ${known?.factories ?? `the static methods of ${name}`} instead of new ${name}()` +
          " (olm-universal/compat has @matrix-org/olm's `new Olm.Account()` and the like)",
      );
    }
    this.#core = core;
    this.#kind = kind;
    this.#handle = core.backend.create(kind);
  }

  /** The backend this object lives in. */
  get backendName(): 'native' | 'wasm' {
    return this.#core.backend.name;
  }

  /** True once free() has been called. */
  get isFreed(): boolean {
    return this.#handle === null;
  }

  /**
   * Wipes the object's secrets and releases its memory now. Safe to call twice.
   *
   * @throws nothing
   */
  free(): void {
    if (this.#handle === null) return;
    this.#core.backend.free(this.#handle);
    this.#handle = null;
  }

  /**
   * free(), for `using` declarations.
   *
   * @throws nothing
   */
  [Symbol.dispose](): void {
    this.free();
  }

  protected get core(): Core {
    return this.#core;
  }

  protected get handle(): Handle {
    if (this.#handle === null) throw new OlmError('USE_AFTER_FREE', this.constructor.name);
    return this.#handle;
  }

  /**
   * The handle of another object passed to a method, checked to be usable with this one. By kind,
   * not class: api/account.ts and api/session.ts then need only each other's types (no import cycle).
   */
  protected handleOf(other: OlmObject, kind: Kind, what: string): Handle {
    if (!(other instanceof OlmObject) || other.#kind !== kind) {
      throw new TypeError(`${what} must be a ${CLASSES[kind].name}, got ${describe(other)}`);
    }
    if (other.#core !== this.#core) {
      throw new TypeError(`${what} lives in the ${other.backendName} backend, this object in ${this.backendName}`);
    }
    return other.handle;
  }

  /** Calls a libolm function on this object; olm_error() becomes an OlmError with its code. */
  protected call<F extends MethodFunction>(fn: F, ...args: MethodArgs<F>): number {
    const handle = this.handle;
    const result = this.#core.callOn(fn, handle, args as unknown as readonly Arg[]);
    // Only a size_t result can be olm_error() (a uint32_t Megolm index may well be 2^32-1).
    if (result === OLM_ERROR && returnsSize(fn)) {
      const code = this.#core.call(`olm_${this.#kind}_last_error_code`, handle);
      throw libolmError(code, fn);
    }
    return result;
  }

  /** Runs an operation of the layer (native/ops/ops.h) on this object: its result, or its OlmError. */
  protected operate<F extends MethodOperation>(fn: F, ...args: MethodArgs<F>): number {
    return this.#core.operate(fn, this.handle, args as unknown as readonly Arg[]);
  }

  /**
   * The bytes an operation writes to its output, in a buffer from `take` (see Core.output; `guess`
   * is a size that usually fits, for outputs that grow with the input).
   */
  protected operateInto<F extends OutputOperation>(
    fn: F,
    args: MethodArgs<F>,
    take: (length: number) => Uint8Array,
    guess = 0,
  ): Uint8Array {
    return this.#core.output(fn, this.handle, args as unknown as readonly Arg[], take, guess);
  }

  /** The text (base64, JSON) an operation writes (see Core.text). */
  protected operateText<F extends OutputOperation>(fn: F, args: MethodArgs<F>, guess = 0): string {
    return this.#core.text(fn, this.handle, args as unknown as readonly Arg[], guess);
  }

  /**
   * Runs `use` with the core's arena (see scratch.ts) for inputs needed only during this call and
   * outputs turned into something else before it returns; all of it is wiped afterwards.
   */
  protected withScratch<T>(use: (scratch: Scratch) => T): T {
    const scratch = this.#core.scratch;
    const mark = scratch.mark();
    try {
      return use(scratch);
    } finally {
      scratch.release(mark);
    }
  }

  /** Runs a new object's libolm initialiser; on failure frees the object before rethrowing. */
  protected initialise(init: () => unknown): this {
    try {
      init();
    } catch (error) {
      this.free();
      throw error;
    }
    return this;
  }

  /** This object's pickle: its state encrypted with `key`, as base64. */
  protected pickleWith(pickle: PickleOperation, key: BytesLike): string {
    return this.operateText(pickle, [toInput(key, 'pickle key')] as MethodArgs<typeof pickle>);
  }

  /** Restores this new object from a pickle; a wrong key is OlmError BAD_ACCOUNT_KEY. */
  protected unpickleWith(unpickle: Shaped<'hbd'>, pickle: BytesLike, key: BytesLike): this {
    return this.initialise(() => this.call(unpickle, toInput(key, 'pickle key'), toInput(pickle, 'pickle')));
  }
}
