// The .wasm's bytes fetched by the page itself and handed to init().
import wasmUrl from 'olm-universal/olm-wasm.wasm';
import { report } from './round-trip.js';

report(
  fetch(wasmUrl)
    .then((response) => response.arrayBuffer())
    .then((wasmBinary) => ({ wasmBinary })),
);
