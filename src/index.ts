// olm-universal: libolm over a native addon or WebAssembly, behind one API.
//
//   import { init, OutboundGroupSession } from 'olm-universal';
//   await init();                       // native where the addon loads, WASM otherwise
//   const session = OutboundGroupSession.create();
import type { Backend, BackendName } from './backend.js';
import { Core } from './core.js';
import { InboundGroupSession, OutboundGroupSession } from './megolm.js';
import { bindCore, setDefaultCore } from './object.js';
import type { WasmSource } from './backend-wasm.js';
import type { NativePrimitives } from './backend-native.js';

export type { BackendName } from './backend.js';
export type { BytesLike } from './bytes.js';
export { OlmError, type OlmErrorCode, type LibolmErrorCode } from './errors.js';
export { InboundGroupSession, OutboundGroupSession, type GroupDecrypted } from './megolm.js';
export type { WasmSource } from './backend-wasm.js';
export type { NativePrimitives } from './backend-native.js';

export type BackendChoice = BackendName | 'auto';

export interface InitOptions extends WasmSource {
  /**
   * 'native', 'wasm', or 'auto' (the default: native where the addon loads, WASM otherwise).
   * With 'auto', the OLM_BACKEND environment variable may name the backend instead.
   */
  backend?: BackendChoice;
  /**
   * The native backend's crypto core: 'fast' (the default: native/crypto/, hardware SHA/AES where
   * the CPU has them) or 'stock' (libolm's portable code; only in a source build, for comparisons).
   */
  nativePrimitives?: NativePrimitives;
}

/** The library on one backend; its classes create objects on that backend. */
export interface Olm {
  readonly backendName: BackendName;
  /** libolm's version, e.g. "3.2.13". */
  readonly version: string;
  /** The crypto core in use: "fast: x25519-donna-c64, ..." / "stock: ..." (native), "portable" (WASM). */
  readonly primitives: string;
  readonly OutboundGroupSession: typeof OutboundGroupSession;
  readonly InboundGroupSession: typeof InboundGroupSession;
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

function bind(backend: Backend): Olm {
  const core = new Core(backend);
  const classes = {
    OutboundGroupSession: class extends OutboundGroupSession {},
    InboundGroupSession: class extends InboundGroupSession {},
  };
  for (const cls of Object.values(classes)) bindCore(cls, core);
  const primitives = backend.primitives ?? 'portable';
  const olm: Olm = Object.freeze({ backendName: backend.name, version: core.version(), primitives, ...classes });
  coreOf.set(olm, core);
  return olm;
}

async function loadBackend(name: BackendName, options: InitOptions): Promise<Olm> {
  const primitives = options.nativePrimitives ?? 'fast';
  if (primitives !== 'fast' && primitives !== 'stock') {
    throw new TypeError(`olm-universal: nativePrimitives must be 'fast' or 'stock', got ${String(primitives)}`);
  }
  const key = name === 'native' ? `native-${primitives}` : name;
  let olm = loaded.get(key);
  if (olm === undefined) {
    olm =
      name === 'native'
        ? import('./backend-native.js').then((m) => bind(m.loadNative(primitives)))
        : import('./backend-wasm.js').then(async (m) => bind(await m.loadWasm(options)));
    loaded.set(key, olm);
    olm.catch(() => loaded.delete(key));
  }
  return olm;
}

/** Loads a backend without changing the default: for using two backends side by side. */
export async function load(options: InitOptions = {}): Promise<Olm> {
  const choice = chooseBackend(options.backend);
  if (choice !== 'auto') return loadBackend(choice, options);
  const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';
  if (isNode) {
    try {
      return await loadBackend('native', options);
    } catch {
      // No addon for this platform: WASM runs everywhere.
    }
  }
  return loadBackend('wasm', options);
}

/** Loads a backend and makes it the one the exported classes use. */
export async function init(options: InitOptions = {}): Promise<Olm> {
  const olm = await load(options);
  setDefaultCore(coreOf.get(olm)!);
  backendName = olm.backendName;
  return olm;
}
