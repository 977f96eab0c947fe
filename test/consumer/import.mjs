// Consumer (2): ES module import of the installed package and its subpaths.
import { createRequire } from 'node:module';
import * as main from 'olm-universal';
import * as native from 'olm-universal/native';
import * as wasm from 'olm-universal/wasm';
import Compat from 'olm-universal/compat';

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
await Compat.init();
const group = new Compat.OutboundGroupSession();
group.create();
results.compat = `${Compat.backend} ${group.session_id().length}`;
console.log(JSON.stringify(results));
