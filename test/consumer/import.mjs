// Consumer (2): ES module import of the installed package and its subpaths.
import { createRequire } from 'node:module';
import * as main from 'olm-universal';
import * as native from 'olm-universal/native';
import * as wasm from 'olm-universal/wasm';

const roundTrip = createRequire(import.meta.url)('./megolm-round-trip.cjs');
const results = {};
for (const [name, olm] of Object.entries({ '.': main, native, wasm })) {
  const bound = await olm.load();
  results[name] = `${bound.backendName} ${roundTrip(bound, 'from import')}`;
}
await wasm.init();
results.init = `${main.backendName} ${roundTrip(main, 'default backend')}`;
const refused = await native.init({ backend: 'wasm' }).catch((error) => error.constructor.name);
results.refused = refused;
console.log(JSON.stringify(results));
