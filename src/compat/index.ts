// olm-universal/compat: the module shape, names and behaviour of @matrix-org/olm 3.2.15, as a
// thin adapter over the main API. Switching is one line:
//
//   const Olm = require('olm-universal/compat');     // was require('@matrix-org/olm')
//   import Olm from 'olm-universal/compat';          // was import Olm from '@matrix-org/olm'
import { load, PK_PRIVATE_KEY_LENGTH, type BackendName, type InitOptions as LoadOptions } from '../api/library.js';
import { InboundGroupSession, OutboundGroupSession } from './megolm.js';
import { Account, Session, Utility } from './olm.js';
import { PkDecryption, PkEncryption, PkSigning } from './pk.js';
import { SAS } from './sas.js';
import { library, setLoaded } from './wrapper.js';
import { initialised as notifyInitialised } from '../entry/after-init.js';
import { defaultWasmDirectory } from '../entry/location.js';

export { InboundGroupSession, OutboundGroupSession } from './megolm.js';
export { Account, Session, Utility } from './olm.js';
export { PkDecryption, PkEncryption, PkSigning } from './pk.js';
export { SAS } from './sas.js';

/** Bytes in a PkDecryption private key (defined before init() too; the reference's only after). */
export const PRIVATE_KEY_LENGTH: number = PK_PRIVATE_KEY_LENGTH;

export interface InitOptions {
  /** 'native', 'wasm', or 'auto' (the default: native where the addon loads, else WASM; OLM_BACKEND may choose). */
  backend?: BackendName | 'auto';
  /** The WebAssembly module's bytes (olm-universal's olm-wasm.wasm, not @matrix-org/olm's olm.wasm). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch olm-universal's olm-wasm.wasm from. */
  wasmUrl?: string | URL;
  /** As emscripten's: asked where 'olm-wasm.wasm' is (unless wasmUrl or wasmBinary is given). */
  locateFile?: (path: string, prefix: string) => string;
  // Other emscripten options the reference passes on are ignored.
}

const WASM_FILE = 'olm-wasm.wasm';

/** The backend init() chose: 'native' or 'wasm' (undefined before init). */
export let backend: BackendName | undefined;

let initialised: Promise<void> | undefined;

function loadOptions(opts: InitOptions): LoadOptions {
  const options: LoadOptions = {};
  if (opts.backend !== undefined) options.backend = opts.backend;
  if (opts.wasmBinary !== undefined) options.wasmBinary = opts.wasmBinary;
  else if (opts.wasmUrl !== undefined) options.wasmUrl = opts.wasmUrl;
  else if (typeof opts.locateFile === 'function') {
    options.wasmUrl = opts.locateFile(WASM_FILE, defaultWasmDirectory());
  }
  return options;
}

/** Loads the library; like the reference, later calls return the first call's promise. */
export function init(opts?: InitOptions): Promise<void> {
  initialised ??= load(loadOptions(opts ?? {})).then(
    (olm) => {
      setLoaded(olm);
      backend = olm.backendName;
      Olm.backend = olm.backendName;
      notifyInitialised();
    },
    (error: unknown) => {
      initialised = undefined; // unlike the reference, a failed init() can be retried
      throw error;
    },
  );
  return initialised;
}

/** libolm's version as [major, minor, patch]. */
export function get_library_version(): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = library().version.split('.').map(Number);
  return [major, minor, patch];
}

/** The namespace object the reference's module.exports is. */
const Olm = {
  init,
  OutboundGroupSession,
  InboundGroupSession,
  Account,
  Session,
  Utility,
  PkEncryption,
  PkDecryption,
  PkSigning,
  SAS,
  get_library_version,
  PRIVATE_KEY_LENGTH,
  backend,
};

// The classes' instance types under the default export's name, as @matrix-org/olm's
// `export as namespace Olm` gives them: `const account: Olm.Account = new Olm.Account()`.
type AccountType = Account;
type SessionType = Session;
type UtilityType = Utility;
type OutboundGroupSessionType = OutboundGroupSession;
type InboundGroupSessionType = InboundGroupSession;
type PkEncryptionType = PkEncryption;
type PkDecryptionType = PkDecryption;
type PkSigningType = PkSigning;
type SASType = SAS;
type InitOptionsType = InitOptions;
declare namespace Olm {
  export type Account = AccountType;
  export type Session = SessionType;
  export type Utility = UtilityType;
  export type OutboundGroupSession = OutboundGroupSessionType;
  export type InboundGroupSession = InboundGroupSessionType;
  export type PkEncryption = PkEncryptionType;
  export type PkDecryption = PkDecryptionType;
  export type PkSigning = PkSigningType;
  export type SAS = SASType;
  export type InitOptions = InitOptionsType;
}

export default Olm;
