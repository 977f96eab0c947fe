// The library: every public export, and init()/load(), which bind the classes to a backend. Not a
// package entry point itself: the entry points (src/node.ts, native.ts, wasm.ts; see package.json
// "exports") re-export it, each with the backends it may load.
//
//   import { init, OutboundGroupSession } from 'olm-universal';
//   await init();                       // native where the addon loads, WASM otherwise
//   const session = OutboundGroupSession.create();
import type { Backend, BackendName, NativePrimitives } from '../backends/contract.js';
import { Account } from './account.js';
import { initialised } from '../entry/after-init.js';
import { PK_PRIVATE_KEY_LENGTH, PK_SIGNING_SEED_LENGTH } from './constants.js';
import { describe } from './bytes.js';
import { Core } from '../binding/calls.js';
import { SEED_LENGTH } from './seed.js';
import { backendLoaders } from '../backends/loaders.js';
import { InboundGroupSession, OutboundGroupSession } from './megolm.js';
import { PkDecryption, PkEncryption, PkSigning } from './pk.js';
import { Sas } from './sas.js';
import { bindCore, setDefaultCore } from '../binding/olm-object.js';
import { Session } from './session.js';
import { Utility } from './utility.js';
import type { WasmSource } from '../backends/wasm.js';

export type { BackendName } from '../backends/contract.js';
export type { BytesLike } from './bytes.js';
export { OlmError, type OlmErrorCode, type LibolmErrorCode } from './errors.js';
export { Account, type IdentityKeys } from './account.js';
export { InboundGroupSession, OutboundGroupSession, type GroupDecrypted } from './megolm.js';
export { Session, type OlmMessage } from './session.js';
export { Utility } from './utility.js';
export { PkDecryption, PkEncryption, PkSigning, type PkMessage } from './pk.js';
export { Sas } from './sas.js';
export { PK_PRIVATE_KEY_LENGTH, PK_SIGNING_SEED_LENGTH } from './constants.js';
export { SEED_LENGTH } from './seed.js';
export type { WasmSource } from '../backends/wasm.js';
export type { NativePrimitives } from '../backends/contract.js';

/** A backend, or 'auto': native where the addon loads, WASM otherwise. */
export type BackendChoice = BackendName | 'auto';

/** Options of init() and load(): which backend, and where the WASM module comes from. */
export interface InitOptions extends WasmSource {
  /**
   * 'native', 'wasm', or 'auto' (the default: native where the addon loads, WASM otherwise).
   * With 'auto', the OLM_BACKEND environment variable may name the backend instead.
   */
  backend?: BackendChoice;
  /**
   * The native backend's crypto core: 'fast' (the default: native/crypto/, hardware SHA/AES where
   * the CPU has them), 'stock' (libolm's portable code) or 'unhardened' (the fast core with libolm's
   * table base64 and no stack burns); the last two only in a source build, for comparisons.
   */
  nativePrimitives?: NativePrimitives;
}

/** Options of load(): init()'s, and the seeded mode that only load() offers. */
export interface LoadOptions extends InitOptions {
  /**
   * INSECURE, for test harnesses only: every random byte of the instance load() returns comes
   * from a deterministic generator keyed by these 32 bytes (ChaCha20, the same C code on both
   * backends), so the same seed and the same calls give byte-identical keys, sessions,
   * ciphertexts and pickles on native and on WASM. Never the default; init() refuses it. The
   * instance says so: `deterministic` is true and toString() says "insecure: seeded".
   * Throws TypeError when not a Uint8Array, RangeError when not SEED_LENGTH (32) bytes.
   */
  insecureSeed?: Uint8Array;
}

/**
 * A hardening measure a build has (see README, "Security"): AES without secret-indexed tables
 * (AES-NI, the bitsliced aes-ct, or aes-simd128's swizzles for WASM's CBC encryption), base64 without tables, Ed25519 signatures with S >= L
 * refused, X25519 agreements with an all-zero secret refused, the stack zeroed after every
 * secret-bearing primitive.
 */
export type HardeningMeasure =
  'constant-time-aes' | 'constant-time-base64' | 'strict-ed25519' | 'contributory-x25519' | 'stack-wipe';

/** The library on one backend; its classes create objects on that backend. */
export interface Olm {
  /** The backend this instance runs on. */
  readonly backendName: BackendName;
  /** libolm's version, e.g. "3.2.13". */
  readonly version: string;
  /**
   * The crypto core in use, from the C build: "fast: x25519-51, ed25519-51, sha-ni, aes-ni"
   * (native; the parts chosen on this CPU), "fast: x25519-25.5, ed25519-25.5, sha256-c, aes-simd128"
   * (WASM: the same core, radix 2^25.5 field, SIMD128 AES encryption), "stock: …" (the unhardened comparison build).
   */
  readonly primitives: string;
  /** The hardening this build has; every measure on the default builds, fewer on "stock". */
  readonly hardening: readonly HardeningMeasure[];
  /** The OutboundGroupSession class, whose objects live on this backend. */
  readonly OutboundGroupSession: typeof OutboundGroupSession;
  /** The InboundGroupSession class, whose objects live on this backend. */
  readonly InboundGroupSession: typeof InboundGroupSession;
  /** The Account class, whose objects live on this backend. */
  readonly Account: typeof Account;
  /** The Session class, whose objects live on this backend. */
  readonly Session: typeof Session;
  /** The Utility class, whose objects live on this backend. */
  readonly Utility: typeof Utility;
  /** The PkEncryption class, whose objects live on this backend. */
  readonly PkEncryption: typeof PkEncryption;
  /** The PkDecryption class, whose objects live on this backend. */
  readonly PkDecryption: typeof PkDecryption;
  /** The PkSigning class, whose objects live on this backend. */
  readonly PkSigning: typeof PkSigning;
  /** The Sas class, whose objects live on this backend. */
  readonly Sas: typeof Sas;
  /** PK_PRIVATE_KEY_LENGTH: the bytes of PkDecryption's privateKey (32). */
  readonly PK_PRIVATE_KEY_LENGTH: number;
  /** PK_SIGNING_SEED_LENGTH: the bytes of PkSigning's seed (32). */
  readonly PK_SIGNING_SEED_LENGTH: number;
  /** True only for an instance made by load({ insecureSeed }): its randomness is reproducible. */
  readonly deterministic: boolean;
  /** "olm-universal native (libolm 3.2.13)", with ", insecure: seeded" for a seeded instance. */
  toString(): string;
}

const loaded = new Map<string, Promise<Olm>>();
const coreOf = new WeakMap<Olm, Core>();

/** The backend the exported classes use, once init() has run. */
export let backendName: BackendName | undefined;

function chooseBackend(requested: BackendChoice | undefined): BackendChoice {
  const choice = requested ?? 'auto';
  if (!['auto', 'native', 'wasm'].includes(choice)) {
    throw new TypeError(`olm-universal: backend must be 'auto', 'native' or 'wasm', got ${String(choice)}`);
  }
  if (choice !== 'auto') return choice;
  const env = typeof process === 'object' ? process.env?.['OLM_BACKEND'] : undefined;
  if (env === undefined || env === '' || env === 'auto') return 'auto';
  if (env !== 'native' && env !== 'wasm') {
    throw new TypeError(`olm-universal: OLM_BACKEND must be 'auto', 'native' or 'wasm', got ${env}`);
  }
  return env;
}

function bind(backend: Backend, seed?: Uint8Array): Olm {
  const core = new Core(backend);
  if (seed !== undefined) core.generator = Uint8Array.from(seed);
  const classes = {
    OutboundGroupSession: class extends OutboundGroupSession {},
    InboundGroupSession: class extends InboundGroupSession {},
    Account: class extends Account {},
    Session: class extends Session {},
    Utility: class extends Utility {},
    PkEncryption: class extends PkEncryption {},
    PkDecryption: class extends PkDecryption {},
    PkSigning: class extends PkSigning {},
    Sas: class extends Sas {},
  };
  for (const cls of Object.values(classes)) bindCore(cls, core);
  const constants = { PK_PRIVATE_KEY_LENGTH, PK_SIGNING_SEED_LENGTH };
  const version = core.version();
  const description = `olm-universal ${backend.name} (libolm ${version}${seed ? ', insecure: seeded' : ''})`;
  const olm: Olm = Object.freeze({
    backendName: backend.name,
    version,
    deterministic: seed !== undefined,
    toString: () => description,
    primitives: backend.primitives,
    hardening: Object.freeze(backend.hardening === 'none' ? [] : (backend.hardening.split(', ') as HardeningMeasure[])),
    ...constants,
    ...classes,
  });
  coreOf.set(olm, core);
  return olm;
}

async function loadBackend(name: BackendName, options: InitOptions): Promise<Olm> {
  const primitives = options.nativePrimitives ?? 'fast';
  if (primitives !== 'fast' && primitives !== 'stock' && primitives !== 'unhardened') {
    throw new TypeError(`olm-universal: nativePrimitives must be 'fast', 'stock' or 'unhardened', got ${String(primitives)}`);
  }
  const key = name === 'native' ? `native-${primitives}` : name;
  let olm = loaded.get(key);
  if (olm === undefined) {
    const loader = backendLoaders[name];
    if (loader === undefined) {
      throw new TypeError(
        `olm-universal: this entry point (for browsers) has no ${name} backend; in Node import 'olm-universal'`,
      );
    }
    olm = loader(options).then(bind);
    loaded.set(key, olm);
    olm.catch(() => loaded.delete(key));
  }
  return olm;
}

/**
 * Loads a backend without changing the default: for using two backends side by side. With
 * `insecureSeed`, a new instance whose randomness is reproducible (see LoadOptions). Each backend
 * loads once; later calls share it. The promise rejects with the errors below.
 *
 * @throws TypeError when `backend` (or the OLM_BACKEND environment variable) is not 'auto', 'native' or 'wasm',
 *   `nativePrimitives` not 'fast', 'stock' or 'unhardened', `wasmBinary` or `wasmUrl` of the wrong type, or the
 *   backend is not in this entry point (the browser build has no native)
 * @throws Error when the backend asked for does not load: no addon for this platform (native), the .wasm file
 *   not found or not fetched (WASM)
 * @throws TypeError when `insecureSeed` is not a Uint8Array
 * @throws RangeError when `insecureSeed` is not SEED_LENGTH (32) bytes
 */
export async function load(options: LoadOptions = {}): Promise<Olm> {
  const seed = options.insecureSeed;
  if (seed === undefined) return loadShared(options);
  if (!(seed instanceof Uint8Array))
    throw new TypeError(`olm-universal: insecureSeed must be a Uint8Array, got ${describe(seed)}`);
  if (seed.byteLength !== SEED_LENGTH) {
    throw new RangeError(`olm-universal: insecureSeed must be ${SEED_LENGTH} bytes, got ${seed.byteLength}`);
  }
  const shared = await loadShared(options);
  return bind(coreOf.get(shared)!.backend, seed);
}

async function loadShared(options: InitOptions): Promise<Olm> {
  const choice = chooseBackend(options.backend);
  if (choice !== 'auto') return loadBackend(choice, options);
  if (backendLoaders.native !== undefined) {
    try {
      return await loadBackend('native', options);
    } catch {
      // No addon for this platform: WASM runs everywhere.
    }
  }
  return loadBackend('wasm', options);
}

/**
 * Loads a backend and makes it the one the exported classes use (the promise rejects with the errors below).
 *
 * @throws TypeError when `backend` (or the OLM_BACKEND environment variable) is not 'auto', 'native' or 'wasm',
 *   `nativePrimitives` not 'fast', 'stock' or 'unhardened', `wasmBinary` or `wasmUrl` of the wrong type, or the
 *   backend is not in this entry point (the browser build has no native)
 * @throws Error when the backend asked for does not load: no addon for this platform (native), the .wasm file
 *   not found or not fetched (WASM)
 * @throws TypeError when given `insecureSeed`: a seeded instance comes only from load()
 */
export async function init(options: InitOptions = {}): Promise<Olm> {
  if ((options as LoadOptions).insecureSeed !== undefined) {
    throw new TypeError('olm-universal: init() never takes insecureSeed; a seeded instance comes only from load()');
  }
  const olm = await load(options);
  setDefaultCore(coreOf.get(olm)!);
  backendName = olm.backendName;
  initialised();
  return olm;
}
