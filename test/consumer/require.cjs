// Consumer (1): CommonJS require() of the installed package and its subpaths.
'use strict';
const roundTrip = require('./megolm-round-trip.cjs');

async function main() {
  const results = {};
  const entries = [
    ['.', 'olm-universal'],
    ['native', 'olm-universal/native'],
    ['wasm', 'olm-universal/wasm'],
  ];
  for (const [name, entry] of entries) {
    const olm = require(entry);
    const bound = await olm.load();
    results[name] = `${bound.backendName} ${roundTrip(bound, 'from require')}`;
  }
  const main = require('olm-universal');
  await main.init();
  results.init = `${main.backendName} ${roundTrip(main, 'default backend')}`;
  console.log(JSON.stringify(results));
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
