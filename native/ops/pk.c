/* PK: encryption to a curve25519 key, decryption with its private key, signing. */
#include "ops.h"
#include "patterns.h"

OP_PICKLE(pk_decryption, OlmPkDecryption)

int olm_op_pk_encrypt(OlmPkEncryption *encryption, const void *plaintext, size_t plaintext_length, void *random_state,
                      size_t random_state_length, void *out, size_t out_length) {
    OP_BURN_ONCE;
    size_t ciphertext_length = olm_pk_ciphertext_length(encryption, plaintext_length);
    size_t mac_length = olm_pk_mac_length(encryption);
    size_t key_length = olm_pk_key_length();
    if (mac_length != OLM_OP_PK_MAC_LENGTH || key_length != OLM_OP_PK_KEY_LENGTH) {
        return -(int)OLM_OUTPUT_BUFFER_TOO_SMALL;
    }
    size_t need = ciphertext_length + mac_length + key_length;
    OP_NEED(need, out_length);
    op_random random;
    int error = op_random_take(&random, random_state, random_state_length, olm_pk_encrypt_random_length(encryption));
    if (error != 0) return error;
    uint8_t *ciphertext = out;
    size_t r = olm_pk_encrypt(encryption, plaintext, plaintext_length, ciphertext, ciphertext_length,
                              ciphertext + ciphertext_length, mac_length, ciphertext + ciphertext_length + mac_length,
                              key_length, random.bytes, random.length);
    op_random_release(&random);
    return OP_RESULT(pk_encryption, encryption, r, need);
}

int olm_op_pk_key_from_private(OlmPkDecryption *decryption, const void *private_key, size_t private_key_length,
                               void *out, size_t out_length) {
    OP_SIZED(pk_decryption, decryption, olm_pk_key_length(),
             olm_pk_key_from_private(decryption, out, need, private_key, private_key_length));
}

int olm_op_pk_generate_key(OlmPkDecryption *decryption, void *random_state, size_t random_state_length, void *out,
                           size_t out_length) {
    OP_BURN_ONCE;
    size_t need = olm_pk_key_length();
    OP_NEED(need, out_length);
    op_random random;
    int error = op_random_take(&random, random_state, random_state_length, olm_pk_private_key_length());
    if (error != 0) return error;
    int result = olm_op_pk_key_from_private(decryption, random.bytes, random.length, out, out_length);
    op_random_release(&random);
    return result;
}

int olm_op_pk_decrypt(OlmPkDecryption *decryption, const void *ephemeral_key, size_t ephemeral_key_length,
                      const void *mac, size_t mac_length, void *ciphertext, size_t ciphertext_length, void *out,
                      size_t out_length) {
    OP_BURN_ONCE;
    /* A plaintext is never longer than its base64 ciphertext; libolm checks the exact bound. */
    OP_NEED(ciphertext_length, out_length);
    size_t r = olm_pk_decrypt(decryption, ephemeral_key, ephemeral_key_length, mac, mac_length, ciphertext,
                              ciphertext_length, out, out_length);
    return OP_RESULT(pk_decryption, decryption, r, r);
}

int olm_op_pk_signing_key_from_seed(OlmPkSigning *signing, const void *seed, size_t seed_length, void *out,
                                    size_t out_length) {
    OP_SIZED(pk_signing, signing, olm_pk_signing_public_key_length(),
             olm_pk_signing_key_from_seed(signing, out, need, seed, seed_length));
}

int olm_op_pk_sign(OlmPkSigning *signing, const void *message, size_t message_length, void *out, size_t out_length) {
    OP_SIZED(pk_signing, signing, olm_pk_signature_length(), olm_pk_sign(signing, message, message_length, out, need));
}
