// import and require of the package in one process: one copy of the library, whichever format
// loads it (test/formats.test.ts runs this in the installed consumer).
import { createRequire } from 'node:module';
import * as esm from 'olm-universal';
import * as esmWasm from 'olm-universal/wasm';
import EsmCompat, { backend as compatBackend } from 'olm-universal/compat';

const require = createRequire(import.meta.url);
const cjs = require('olm-universal');
const cjsWasm = require('olm-universal/wasm');
const cjsCompat = require('olm-universal/compat');

const results = {};
results.sameClasses = esm.Account === cjs.Account && esm.OlmError === cjs.OlmError && esmWasm.Session === cjsWasm.Session;
results.sameCompat = EsmCompat === cjsCompat && EsmCompat.Account === cjsCompat.Account;

// init() through import is seen by require, and the other way round (backendName follows).
await esm.init({ backend: 'wasm' });
results.afterImportInit = [esm.backendName, cjs.backendName];
await cjs.init({ backend: 'native' });
results.afterRequireInit = [esm.backendName, cjs.backendName];

// Objects made through one format are accepted by the other.
const bob = esm.Account.create();
bob.generateOneTimeKeys(1);
const alice = cjs.Account.create();
const outbound = cjs.Session.createOutbound(alice, bob.identityKeys.curve25519, Object.values(bob.oneTimeKeys)[0]);
const message = outbound.encrypt('across formats');
const inbound = esm.Session.createInbound(bob, message.body);
results.crossed = inbound.decrypt(message.type, message.body);

// An error thrown by one is an instance of the other's OlmError.
try {
  cjs.InboundGroupSession.create('not a session key');
} catch (error) {
  results.error = [error instanceof esm.OlmError, error instanceof cjs.OlmError, error.code];
}

// compat: one init() for both, and its `backend` export follows.
await cjsCompat.init({ backend: 'wasm' });
results.compat = [EsmCompat.backend, compatBackend];
console.log(JSON.stringify(results));
