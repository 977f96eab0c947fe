// The .wasm found by the package itself (new URL('./olm-wasm.wasm', import.meta.url)): Vite,
// webpack, Parcel, rollup with an assets plugin, and a plain page with an import map.
import { report } from './round-trip.js';

report();
