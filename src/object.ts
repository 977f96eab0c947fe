// The base of every public class: owns one libolm object on one backend, frees it once.
// The reference carries Symbol.dispose's type into our .d.ts for consumers on older `lib`s.
/// <reference lib="esnext.disposable" preserve="true" />
import type { Arg, Handle, Kind } from './backend.js';
import { Core, OLM_ERROR, type MethodArgs, type MethodFunction } from './core.js';
import { ascii, describe, toBytes, type BytesLike } from './bytes.js';
import { libolmError, OlmError } from './errors.js';
import { returnsSize, type OlmFunction, type OlmFunctions } from './functions.js';
import type { Scratch } from './scratch.js';

/** The libolm functions whose argument shape is S, e.g. 'h' length queries, 'hb' writers. */
type Shaped<S extends string> = { [F in OlmFunction]: OlmFunctions[F] extends S ? F : never }[OlmFunction];

// Classes bound to one backend (see library.ts) map to that backend's core; the exported classes
// fall back to the default one set by init().
const boundCores = new WeakMap<object, Core>();
let defaultCore: Core | undefined;

export function setDefaultCore(core: Core): void {
  defaultCore = core;
}

export function bindCore(ctor: object, core: Core): void {
  boundCores.set(ctor, core);
}

export function coreFor(ctor: object): Core {
  const core = boundCores.get(ctor) ?? defaultCore;
  if (core === undefined) throw new Error('olm-universal: call `await init()` before creating Olm objects');
  return core;
}

/** Each kind's public class and how to make one, for the TypeError of `new Account()` and the like. */
const CLASSES: Record<Kind, { name: string; factories: string }> = {
  account: { name: 'Account', factories: 'Account.create() or Account.unpickle()' },
  session: { name: 'Session', factories: 'Session.createOutbound(), Session.createInbound() or Session.unpickle()' },
  utility: { name: 'Utility', factories: 'Utility.create()' },
  outbound_group_session: { name: 'OutboundGroupSession', factories: 'OutboundGroupSession.create() or OutboundGroupSession.unpickle()' },
  inbound_group_session: {
    name: 'InboundGroupSession',
    factories: 'InboundGroupSession.create(), InboundGroupSession.import() or InboundGroupSession.unpickle()',
  },
  pk_encryption: { name: 'PkEncryption', factories: 'PkEncryption.create()' },
  pk_decryption: { name: 'PkDecryption', factories: 'PkDecryption.create(), PkDecryption.fromPrivateKey() or PkDecryption.unpickle()' },
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

  /** Wipes the object's secrets and releases its memory now. Safe to call twice. */
  free(): void {
    if (this.#handle === null) return;
    this.#core.backend.free(this.#handle);
    this.#handle = null;
  }

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
   * not class: account.ts and session.ts then need only each other's types (no import cycle).
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

  /** The bytes a libolm writer puts into a buffer of the size its length query gives. */
  protected output(length: number, write: (out: Uint8Array) => number): Uint8Array {
    const out = new Uint8Array(length);
    return out.subarray(0, write(out));
  }

  /** The bytes of a libolm writer that fills its whole buffer (and returns 0, not a length). */
  protected outputAll(length: number, write: (out: Uint8Array) => unknown): Uint8Array {
    const out = new Uint8Array(length);
    write(out);
    return out;
  }

  /** Runs `use` with exactly `length` fresh random bytes, wiped afterwards. */
  protected withRandom<T>(length: number, use: (random: Uint8Array) => T): T {
    // From the arena, which wipes it on release.
    return this.withScratch((scratch) => use(this.#core.random(scratch.take(length))));
  }

  /** Calls a libolm function that takes only random bytes, as many as its length query asks. */
  protected callWithRandom(length: Shaped<'h'>, use: Shaped<'hb'>): void {
    this.withRandom(this.call(length), (random) => this.call(use, random));
  }

  /** Like output(), for libolm's ASCII outputs (base64, JSON). */
  protected outputText(length: number, write: (out: Uint8Array) => number): string {
    return this.withScratch((scratch) => {
      const out = scratch.take(length);
      return ascii(out.subarray(0, write(out)));
    });
  }

  /** Like outputAll(), for libolm's ASCII outputs. */
  protected outputAllText(length: number, write: (out: Uint8Array) => unknown): string {
    return this.outputText(length, (out) => {
      write(out);
      return out.byteLength;
    });
  }

  /** The text a libolm getter writes, sized by its length query. */
  protected text(length: Shaped<'h'>, write: Shaped<'ho'>): string {
    return this.outputText(this.call(length), (out) => this.call(write, out));
  }

  /** This object's pickle: its state encrypted with `key`, as base64. */
  protected pickleWith(length: Shaped<'h'>, pickle: Shaped<'hbo'>, key: BytesLike): string {
    return this.withScratch((scratch) => {
      const pickleKey = toBytes(key, 'pickle key', scratch);
      return this.outputText(this.call(length), (out) => this.call(pickle, pickleKey, out));
    });
  }

  /** Restores this new object from a pickle; a wrong key is OlmError BAD_ACCOUNT_KEY. */
  protected unpickleWith(unpickle: Shaped<'hbd'>, pickle: BytesLike, key: BytesLike): this {
    return this.initialise(() =>
      this.withScratch((scratch) =>
        this.call(unpickle, toBytes(key, 'pickle key', scratch), toBytes(pickle, 'pickle', scratch)),
      ),
    );
  }
}
