/* libolm's crypto seam (olm/crypto.h) for the fast native build: it replaces
 * vendor/olm/src/crypto.cpp there (see olm-sources.txt) and forwards to native/crypto/. Every call
 * that handles a secret burns the stack its primitive used once it returns (wipe.h: the
 * primitives wipe their own buffers, not what the compiler spilled or copied). */
#include "fast-crypto.h"
#include "primitives.h"

#include <stdio.h>

/* The benchmark's "C (unhardened)" build leaves the burns out, so its column shows their cost. */
#ifdef OLM_UNIVERSAL_UNHARDENED
#define BURN(kind)                 ((void)0)
#define BURN_BY_PATH(kind, has_ni) ((void)0)
#else
#define BURN(kind)                 fast_stack_burn(WIPE_BURN_##kind)
/* The depth of the path that ran (the CPU checks are cached flags, as the primitives read them). */
#define BURN_BY_PATH(kind, has_ni) fast_stack_burn(has_ni() ? WIPE_BURN_##kind##_NI : WIPE_BURN_##kind)
#endif

/* The AES without AES-NI (aes.c's choice; on WASM SIMD128 it encrypts, aes-ct decrypts). */
#ifdef __wasm_simd128__
#define PORTABLE_AES "aes-simd128"
#else
#define PORTABLE_AES "aes-ct"
#endif

const char *olm_universal_primitives(void) {
    static char text[96];
    if (!text[0]) {
        snprintf(text, sizeof(text), "fast: %s, %s, %s, %s", fast_x25519_name(), fast_ed25519_name(),
                 fast_cpu_has_sha_ni() ? "sha-ni" : "sha256-c", fast_cpu_has_aes_ni() ? "aes-ni" : PORTABLE_AES);
    }
    return text;
}

size_t _olm_crypto_aes_encrypt_cbc_length(size_t input_length) {
    return fast_crypto_aes_encrypt_cbc_length(input_length);
}
void _olm_crypto_aes_encrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv,
                                 const uint8_t *input, size_t input_length, uint8_t *output) {
    fast_crypto_aes_encrypt_cbc(key, iv, input, input_length, output);
    BURN_BY_PATH(AES, fast_cpu_has_aes_ni);
}
size_t _olm_crypto_aes_decrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv,
                                   const uint8_t *input, size_t input_length, uint8_t *output) {
    size_t length = fast_crypto_aes_decrypt_cbc(key, iv, input, input_length, output);
    BURN_BY_PATH(AES, fast_cpu_has_aes_ni);
    return length;
}
void _olm_crypto_sha256(const uint8_t *input, size_t input_length, uint8_t *output) {
    fast_crypto_sha256(input, input_length, output); /* public data only (session ids, olm_sha256) */
}
void _olm_crypto_hmac_sha256(const uint8_t *key, size_t key_length, const uint8_t *input, size_t input_length,
                             uint8_t *output) {
    fast_crypto_hmac_sha256(key, key_length, input, input_length, output);
    BURN_BY_PATH(SHA, fast_cpu_has_sha_ni);
}
void _olm_crypto_hkdf_sha256(const uint8_t *input, size_t input_length, const uint8_t *salt, size_t salt_length,
                             const uint8_t *info, size_t info_length, uint8_t *output, size_t output_length) {
    fast_crypto_hkdf_sha256(input, input_length, salt, salt_length, info, info_length, output, output_length);
    BURN_BY_PATH(SHA, fast_cpu_has_sha_ni);
}
void _olm_crypto_curve25519_generate_key(const uint8_t *random_32_bytes, struct _olm_curve25519_key_pair *output) {
    fast_crypto_curve25519_generate_key(random_32_bytes, output);
    BURN(X25519);
}
/* 0 when the secret is all zeros (a low-order key; libolm patch 0012, whose callers refuse it):
 * OR of the bytes, no branch on the secret. */
int _olm_crypto_curve25519_shared_secret(const struct _olm_curve25519_key_pair *our_key,
                                         const struct _olm_curve25519_public_key *their_key, uint8_t *output) {
    unsigned acc = 0;
    fast_crypto_curve25519_shared_secret(our_key, their_key, output);
    BURN(X25519);
    for (int i = 0; i < CURVE25519_SHARED_SECRET_LENGTH; i++) acc |= output[i];
    return (int)(((acc + 0xff) >> 8) & 1);
}
void _olm_crypto_ed25519_generate_key(const uint8_t *random_bytes, struct _olm_ed25519_key_pair *output) {
    fast_crypto_ed25519_generate_key(random_bytes, output);
    BURN(ED25519);
}
void _olm_crypto_ed25519_sign(const struct _olm_ed25519_key_pair *our_key, const uint8_t *message,
                              size_t message_length, uint8_t *output) {
    fast_crypto_ed25519_sign(our_key, message, message_length, output);
    BURN(ED25519);
}
int _olm_crypto_ed25519_verify(const struct _olm_ed25519_public_key *their_key, const uint8_t *message,
                               size_t message_length, const uint8_t *signature) {
    return fast_crypto_ed25519_verify(their_key, message, message_length, signature);
}
