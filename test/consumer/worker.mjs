// One of workers.mjs's threads.
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import * as olm from 'olm-universal/native';

await olm.init();
const roundTrip = createRequire(import.meta.url)('./megolm-round-trip.cjs');
parentPort.postMessage(`${olm.backendName} ${roundTrip(olm, 'from a worker')}`);
