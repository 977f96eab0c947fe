// The seeded mode of load({ insecureSeed }): its seed becomes the state of the generator in C
// (native/crypto/drbg.c, the same code on both backends, so one seed gives the same bytes on
// native and on WASM), which the operations layer draws from (native/ops/random.c).

/** The length of a seed for load({ insecureSeed }): one ChaCha20 key. */
export const SEED_LENGTH = 32;
