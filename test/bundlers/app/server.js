// A server bundle: olm-universal left external (--external:olm-universal), so Node loads the
// installed package and its native addon at run time.
import { init } from 'olm-universal';
import { roundTrip } from './round-trip.js';

const olm = await init();
roundTrip();
console.log(`ok ${olm.backendName} ${olm.version}`);
