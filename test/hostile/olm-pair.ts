// A fixed Olm pair (olm-pair.json, made once with our library): Bob's account and Alice's outbound
// session to it, pickled. Fixed so that fuzz inputs and regression fixtures replay exactly.
import { readFileSync } from 'node:fs';

export interface OlmPair {
  pickleKey: string;
  bobAccount: string;
  aliceIdentityKey: string;
  aliceSession: string;
}

export function olmPair(): OlmPair {
  return JSON.parse(readFileSync(new URL('olm-pair.json', import.meta.url), 'utf8')) as OlmPair;
}
