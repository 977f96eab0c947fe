// esbuild's recipe, in TypeScript: the .wasm imported as a file (--loader:.wasm=file makes the
// import its URL; olm-universal declares it a string), handed to init().
import wasmUrl from 'olm-universal/olm-wasm.wasm';
import { report } from './round-trip.js';

const url: string = wasmUrl;
void report({ wasmUrl: url });
