// The installed package by ES module import: each backend, the default choice, and compat.
// Prints one JSON line: { node, primitives, native, wasm, default, compat }, each "<backend> ok" or the error.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const roundTrips = require('./round-trips.cjs');
const compatRoundTrips = require('./compat-round-trips.cjs');
const attempt = async (run) => {
  try {
    return await run();
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
};

const olm = await import('olm-universal');
const results = { node: process.version };
for (const backend of ['native', 'wasm']) {
  results[backend] = await attempt(async () => {
    const bound = await olm.load({ backend });
    if (backend === 'native') results.primitives = bound.primitives;
    return `${bound.backendName} ${roundTrips(bound)}`;
  });
}
results.default = await attempt(async () => `${(await olm.init()).backendName} ${roundTrips(olm)}`);
results.compat = await attempt(async () => {
  const { default: Olm } = await import('olm-universal/compat');
  await Olm.init();
  return `${Olm.backend} ${compatRoundTrips(Olm)}`;
});
console.log(JSON.stringify(results));
