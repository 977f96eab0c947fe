// The options that say where the .wasm comes from, in a process where nothing loaded it yet.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as wasm from 'olm-universal/wasm';

const roundTrip = createRequire(import.meta.url)('./megolm-round-trip.cjs');
const outcome = (promise) =>
  promise.then(
    (olm) => roundTrip(olm, 'loaded'),
    (error) => error.constructor.name,
  );
const bytes = readFileSync(new URL('./node_modules/olm-universal/dist/olm-wasm.wasm', import.meta.url));
console.log(
  JSON.stringify({
    missingUrl: await outcome(wasm.load({ wasmUrl: new URL('./no-such.wasm', import.meta.url) })),
    badBytes: await outcome(wasm.load({ wasmBinary: new Uint8Array(16) })),
    bytes: await outcome(wasm.load({ wasmBinary: bytes })),
  }),
);
