// The installed package by CommonJS require(): as import.mjs, with require() for every entry.
'use strict';
const roundTrips = require('./round-trips.cjs');
const compatRoundTrips = require('./compat-round-trips.cjs');
const attempt = async (run) => {
  try {
    return await run();
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
};

async function main() {
  const results = { node: process.version };
  const olm = await attempt(async () => require('olm-universal'));
  for (const backend of ['native', 'wasm']) {
    results[backend] = await attempt(async () => {
      const bound = await olm.load({ backend });
      return `${bound.backendName} ${roundTrips(bound)}`;
    });
  }
  results.default = await attempt(async () => `${(await olm.init()).backendName} ${roundTrips(olm)}`);
  results.compat = await attempt(async () => {
    const Olm = require('olm-universal/compat');
    await Olm.init();
    return `${Olm.backend} ${compatRoundTrips(Olm)}`;
  });
  console.log(JSON.stringify(results));
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
