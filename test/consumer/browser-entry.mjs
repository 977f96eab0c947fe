// The browser entry points, run in Node with `--conditions=browser`: WASM only, and asking for
// the native backend is a TypeError (from the pinned main entry and from compat alike).
import * as olm from 'olm-universal';
import Compat from 'olm-universal/compat';

const error = (promise) =>
  promise.then(
    () => 'loaded',
    (e) => `${e.constructor.name}: ${e.message}`,
  );
await olm.init();
console.log(
  JSON.stringify({
    backend: olm.backendName,
    native: await error(olm.load({ backend: 'native' })),
    compatNative: await error(Compat.init({ backend: 'native' })),
  }),
);
