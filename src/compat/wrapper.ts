// What every compat class shares: the library loaded by init(), the reference's error messages,
// and one main-API object per compat object, made by create()/unpickle() (or the constructor).
import { OlmError, type Olm, type OlmErrorCode } from '../api/library.js';

let loaded: Olm | undefined;

export function setLoaded(olm: Olm): void {
  loaded = olm;
}

/** The library init() loaded; the reference fails too when used before init(). */
export function library(): Olm {
  if (loaded === undefined) throw new Error('olm-universal/compat: call `await Olm.init()` first');
  return loaded;
}

// libolm's own error strings (olm_*_last_error) differ from its enum names for these three.
const LAST_ERROR_STRINGS: Partial<Record<OlmErrorCode, string>> = {
  INPUT_BUFFER_TOO_SMALL: 'OLM_INPUT_BUFFER_TOO_SMALL',
  SAS_THEIR_KEY_NOT_SET: 'OLM_SAS_THEIR_KEY_NOT_SET',
  PICKLE_EXTRA_DATA: 'OLM_PICKLE_EXTRA_DATA',
};

/** Runs `fn`, turning an OlmError into the reference's Error('OLM.<libolm error string>'). */
export function olmErrors<R>(fn: () => R): R {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof OlmError)) throw error;
    throw new Error(`OLM.${LAST_ERROR_STRINGS[error.code] ?? error.code}`, { cause: error });
  }
}

interface Freeable {
  free(): void;
}

let heldBy: <T extends Freeable>(wrapper: Wrapper<T>) => T | undefined;

/** A compat object: holds the main-API object once create()/unpickle() made one. */
export abstract class Wrapper<T extends Freeable> {
  #inner: T | undefined;

  static {
    heldBy = (wrapper) => wrapper.#inner;
  }

  /** Replaces the held object (the reference re-initialises in place), freeing the old one. */
  protected hold(make: () => T): void {
    const inner = olmErrors(make);
    this.#inner?.free();
    this.#inner = inner;
  }

  /** Runs `fn` on the held object, with the reference's errors. */
  protected use<R>(fn: (inner: T) => R): R {
    return olmErrors(() => fn(held(this)));
  }

  free(): void {
    this.#inner?.free();
  }
}

interface Pickleable extends Freeable {
  pickle(key: string | Uint8Array): string;
}

/** A compat object with the reference's pickle(key) and unpickle(key, pickle) (note the order). */
export abstract class Pickled<T extends Pickleable> extends Wrapper<T> {
  /** The main API's unpickle for T, on the library init() loaded. */
  protected abstract restore(pickle: string, key: string | Uint8Array): T;

  pickle(key: string | Uint8Array): string {
    return this.use((inner) => inner.pickle(key));
  }

  unpickle(key: string | Uint8Array, pickle: string): void {
    this.hold(() => this.restore(pickle, key));
  }
}

/** The object a compat object holds, e.g. the Account passed to Session.create_inbound(account). */
export function held<T extends Freeable>(wrapper: Wrapper<T>): T {
  if (!(wrapper instanceof Wrapper)) throw new TypeError('expected an olm-universal/compat object');
  const inner = heldBy(wrapper);
  if (inner === undefined) {
    throw new Error(`olm-universal/compat: ${wrapper.constructor.name} used before it was created or unpickled`);
  }
  return inner;
}

const lenientDecoder = new TextDecoder();

/** Plaintext as the reference returns it: decoded from UTF-8, invalid bytes replaced (U+FFFD). */
export function lenientText(bytes: Uint8Array): string {
  return lenientDecoder.decode(bytes);
}
