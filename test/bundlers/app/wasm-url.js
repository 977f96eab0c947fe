// esbuild's recipe: the .wasm imported as a file (--loader:.wasm=file gives its URL), handed to init().
import wasmUrl from 'olm-universal/olm-wasm.wasm';
import { report } from './round-trip.js';

report({ wasmUrl });
