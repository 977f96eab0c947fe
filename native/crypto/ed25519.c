/* Placeholder until the radix-2^51 Ed25519 lands: libolm's lib/ed25519. */
#include "fast-crypto.h"
#include "primitives.h"
#include "ed25519/src/ed25519.h"

const char *fast_ed25519_name(void) { return "ed25519-ref10"; }

void fast_crypto_ed25519_generate_key(const uint8_t *random_bytes, struct _olm_ed25519_key_pair *key_pair) {
    ed25519_create_keypair(key_pair->public_key.public_key, key_pair->private_key.private_key, random_bytes);
}
void fast_crypto_ed25519_sign(const struct _olm_ed25519_key_pair *our_key,
                              const uint8_t *message, size_t message_length, uint8_t *output) {
    ed25519_sign(output, message, message_length, our_key->public_key.public_key, our_key->private_key.private_key);
}
int fast_crypto_ed25519_verify(const struct _olm_ed25519_public_key *their_key,
                               const uint8_t *message, size_t message_length, const uint8_t *signature) {
    return 0 != ed25519_verify(signature, message, message_length, their_key->public_key);
}
