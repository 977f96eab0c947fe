// Every fuzz target. Some seeds (a PK message) need a backend to make them.
import type { Olm } from '../../../dist/api/library.js';
import type { FuzzTarget } from '../target.js';
import { keyTargets } from './keys.js';
import { MEGOLM_TARGETS } from './megolm.js';
import { OLM_TARGETS } from './olm.js';
import { PICKLE_TARGETS } from './pickles.js';

export function allTargets(seedBackend: Olm): FuzzTarget[] {
  return [...OLM_TARGETS, ...MEGOLM_TARGETS, ...PICKLE_TARGETS, ...keyTargets(seedBackend)];
}
