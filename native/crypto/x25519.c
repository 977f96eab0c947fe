/* X25519 (RFC 7748) for the fast build: libolm's pinned tarball ships curve25519-donna in two
 * versions and compiles the 32-bit-limb one; where the compiler has 128-bit integers we compile
 * the 64-bit-limb one (radix 2^51), unchanged, under a name of our own so the test programs can
 * link it next to libolm's. Public keys (scalar times the base point 9) go through the Ed25519
 * base-point tables instead (fast_x25519_base, ed25519.c). All constant time, the same bytes. */
#include "fast-crypto.h"

#include <string.h>

#define curve25519_donna fast_curve25519_donna
#if defined(__SIZEOF_INT128__)
#define FAST_X25519_NAME "x25519-donna-c64"
#include "curve25519-donna/curve25519-donna-c64.c"
#else
#define FAST_X25519_NAME "x25519-donna"
#include "curve25519-donna/curve25519-donna.c"
#endif
#undef curve25519_donna

const char *fast_x25519_name(void) { return FAST_X25519_NAME; }

void fast_crypto_curve25519_generate_key(const uint8_t *random_32_bytes,
                                         struct _olm_curve25519_key_pair *key_pair) {
    memcpy(key_pair->private_key.private_key, random_32_bytes, CURVE25519_KEY_LENGTH);
#if defined(__SIZEOF_INT128__)
    fast_x25519_base(key_pair->public_key.public_key, key_pair->private_key.private_key);
#else
    static const uint8_t basepoint[32] = {9};
    fast_curve25519_donna(key_pair->public_key.public_key, key_pair->private_key.private_key, basepoint);
#endif
}

void fast_crypto_curve25519_shared_secret(const struct _olm_curve25519_key_pair *our_key,
                                          const struct _olm_curve25519_public_key *their_key,
                                          uint8_t *output) {
    fast_curve25519_donna(output, our_key->private_key.private_key, their_key->public_key);
}
