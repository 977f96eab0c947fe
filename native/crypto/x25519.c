/* X25519 (RFC 7748) for the fast build. Where the compiler has 128-bit integers: public keys
 * (scalar times the base point 9) through the Ed25519 base-point tables (fast_x25519_base) and
 * shared secrets by the Montgomery ladder (fast_x25519_scalarmult), both in ed25519.c over its
 * field back-end (radix 2^51 or 2^25.5, FAST_FIELD). Elsewhere (e.g. MSVC) libolm's 32-bit-limb
 * curve25519-donna, compiled here under a name of our own so the test programs can link it next
 * to libolm's. All constant time, the same bytes as libolm. */
#include "fast-crypto.h"
#include "primitives.h"

#include <string.h>

#if !defined(__SIZEOF_INT128__)
#define curve25519_donna fast_curve25519_donna
#include "curve25519-donna/curve25519-donna.c"
#undef curve25519_donna
const char *fast_x25519_name(void) { return "x25519-donna"; }
#endif

void fast_crypto_curve25519_generate_key(const uint8_t *random_32_bytes, struct _olm_curve25519_key_pair *key_pair) {
    memcpy(key_pair->private_key.private_key, random_32_bytes, CURVE25519_KEY_LENGTH);
#if defined(__SIZEOF_INT128__)
    fast_x25519_base(key_pair->public_key.public_key, key_pair->private_key.private_key);
#else
    static const uint8_t basepoint[32] = {9};
    fast_curve25519_donna(key_pair->public_key.public_key, key_pair->private_key.private_key, basepoint);
#endif
}

void fast_crypto_curve25519_shared_secret(const struct _olm_curve25519_key_pair *our_key,
                                          const struct _olm_curve25519_public_key *their_key, uint8_t *output) {
#if defined(__SIZEOF_INT128__)
    fast_x25519_scalarmult(output, our_key->private_key.private_key, their_key->public_key);
#else
    fast_curve25519_donna(output, our_key->private_key.private_key, their_key->public_key);
#endif
}
