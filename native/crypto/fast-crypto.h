/* The fast crypto core of the native build: the primitives behind libolm's crypto seam
 * (vendor/olm/include/olm/crypto.h), with the seam's own signatures under a fast_ prefix so the
 * test programs can link them next to libolm's portable versions. seam.c maps _olm_crypto_* onto
 * these. Every output is bit-identical to libolm's portable code (checked by crypto-diff). */
#ifndef OLM_UNIVERSAL_FAST_CRYPTO_H
#define OLM_UNIVERSAL_FAST_CRYPTO_H

#include "olm/crypto.h"
#include "wipe.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CPU features found at run time (cpuid on x86-64; none elsewhere). */
int fast_cpu_has_sha_ni(void);
int fast_cpu_has_aes_ni(void);

#ifdef FAST_CRYPTO_TESTING
/* Lets the test programs force the portable fallbacks (0 = use what the CPU has). Test builds
 * only: cpu.c compiled with FAST_CRYPTO_TESTING. */
void fast_crypto_force_portable(int portable);
#endif

size_t fast_crypto_aes_encrypt_cbc_length(size_t input_length);
void fast_crypto_aes_encrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv,
                                 const uint8_t *input, size_t input_length, uint8_t *output);
size_t fast_crypto_aes_decrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv,
                                   const uint8_t *input, size_t input_length, uint8_t *output);

void fast_crypto_sha256(const uint8_t *input, size_t input_length, uint8_t *output);
void fast_crypto_hmac_sha256(const uint8_t *key, size_t key_length, const uint8_t *input, size_t input_length,
                             uint8_t *output);
/* Argument order as libolm's crypto.cpp defines it: input, salt, info (the header's names differ). */
void fast_crypto_hkdf_sha256(const uint8_t *input, size_t input_length, const uint8_t *salt, size_t salt_length,
                             const uint8_t *info, size_t info_length, uint8_t *output, size_t output_length);

void fast_crypto_curve25519_generate_key(const uint8_t *random_32_bytes, struct _olm_curve25519_key_pair *output);
void fast_crypto_curve25519_shared_secret(const struct _olm_curve25519_key_pair *our_key,
                                          const struct _olm_curve25519_public_key *their_key, uint8_t *output);

void fast_crypto_ed25519_generate_key(const uint8_t *random_bytes, struct _olm_ed25519_key_pair *output);
void fast_crypto_ed25519_sign(const struct _olm_ed25519_key_pair *our_key, const uint8_t *message,
                              size_t message_length, uint8_t *output);
int fast_crypto_ed25519_verify(const struct _olm_ed25519_public_key *their_key, const uint8_t *message,
                               size_t message_length, const uint8_t *signature);

/* X25519(scalar, 9) by the Ed25519 base-point tables, and X25519(scalar, point) by the Montgomery
 * ladder, over ed25519.c's field (only with 128-bit integers, which its scalar code uses). */
void fast_x25519_base(uint8_t out[32], const uint8_t scalar[32]);
void fast_x25519_scalarmult(uint8_t out[32], const uint8_t scalar[32], const uint8_t point[32]);

#ifdef __cplusplus
}
#endif
#endif
