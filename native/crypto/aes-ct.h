/* Constant-time AES-256 (bitsliced, four blocks per 64-bit word set) and AES-256-CBC with PKCS#7
 * padding as libolm's src/crypto.cpp does it. No table is indexed by a secret, no branch or
 * memory address depends on a key, plaintext or ciphertext byte. Portable C99 (native fallback
 * where AES-NI is absent, and the WASM build). */
#ifndef OLM_UNIVERSAL_AES_CT_H
#define OLM_UNIVERSAL_AES_CT_H

#include <stddef.h>
#include <stdint.h>

#include "olm/crypto.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The 15 round keys, bitsliced: rk[i][bit] holds bit `bit` of round key i, replicated for the
 * four block slots. Wipe it with aes_ct_wipe_schedule when done. */
typedef struct {
    uint64_t rk[15][8];
} aes_ct_schedule;

void aes_ct_expand_key(const uint8_t key[32], aes_ct_schedule *schedule);
void aes_ct_wipe_schedule(aes_ct_schedule *schedule);

/* `blocks` (1..4) independent 16-byte blocks in one pass; in and out may be the same buffer. */
void aes_ct_encrypt_blocks(const aes_ct_schedule *schedule, const uint8_t *in, uint8_t *out, size_t blocks);
void aes_ct_decrypt_blocks(const aes_ct_schedule *schedule, const uint8_t *in, uint8_t *out, size_t blocks);

/* Same signatures and results as fast_crypto_aes_*_cbc (native/crypto/fast-crypto.h) and
 * libolm's _olm_crypto_aes_*_cbc. Decrypt returns the unpadded length, or (size_t)-1 when the
 * last byte names more padding than there is input (as libolm; computed without a branch).
 * An empty or non-whole-block ciphertext returns (size_t)-1 and writes nothing (libolm reads
 * output[-1] or writes past the output there; issue 13 refuses those lengths). */
size_t aes_ct_encrypt_cbc_length(size_t input_length);
void aes_ct_encrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv, const uint8_t *input,
                        size_t input_length, uint8_t *output);
size_t aes_ct_decrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv, const uint8_t *input,
                          size_t input_length, uint8_t *output);

#ifdef __cplusplus
}
#endif
#endif
