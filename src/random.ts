// Where every random byte libolm uses comes from: the platform's CSPRNG, or, only for an
// instance made by load({ insecureSeed }), the seeded generator in C (native/crypto/drbg.c, the
// same code on both backends, so one seed gives the same bytes on native and on WASM).
import type { Core } from './core.js';

/** Fills `bytes` with random bytes and returns it. */
export type RandomSource = (bytes: Uint8Array) => Uint8Array;

/** The length of a seed for load({ insecureSeed }): one ChaCha20 key. */
export const SEED_LENGTH = 32;

/** Fills `bytes` from the CSPRNG (WebCrypto: the OS generator in Node and browsers). */
export function fillRandom(bytes: Uint8Array): Uint8Array {
  const length = bytes.byteLength;
  // getRandomValues fills at most 65536 bytes per call.
  for (let offset = 0; offset < length; offset += 65536) {
    globalThis.crypto.getRandomValues(bytes.subarray(offset, Math.min(length, offset + 65536)));
  }
  return bytes;
}

/** A generator keyed by `seed` whose state advances with every request (ChaCha20, key erasure). */
export function seededRandom(core: Core, seed: Uint8Array): RandomSource {
  const state = Uint8Array.from(seed);
  return (bytes) => {
    core.call('olm_universal_drbg_generate', state, bytes);
    return bytes;
  };
}
