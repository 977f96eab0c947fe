/* Constant-time AES-256 and AES-256-CBC on WebAssembly SIMD128 (aes-simd128.c): the WASM build's
 * AES. Every secret-dependent lookup is an i8x16.swizzle (a register shuffle in the engine), no
 * memory is indexed by a secret and no branch depends on one. Only where the compiler targets
 * SIMD128 (__wasm_simd128__, emcc -msimd128). */
#ifndef OLM_UNIVERSAL_AES_SIMD128_H
#define OLM_UNIVERSAL_AES_SIMD128_H

#include <stddef.h>
#include <stdint.h>

#include "olm/crypto.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The 15 round keys as 16-byte vectors. Wipe it with aes_simd128_wipe_schedule when done. */
typedef struct {
    uint8_t rk[15][16] __attribute__((aligned(16)));
} aes_simd128_schedule;

void aes_simd128_expand_key(const uint8_t key[32], aes_simd128_schedule *schedule);
void aes_simd128_wipe_schedule(aes_simd128_schedule *schedule);

/* `blocks` independent 16-byte blocks (ECB); in and out may be the same buffer. Same signature
 * as aes_ct_*_blocks, so the tests drive both the same way. */
void aes_simd128_encrypt_blocks(const aes_simd128_schedule *schedule, const uint8_t *in, uint8_t *out, size_t blocks);
void aes_simd128_decrypt_blocks(const aes_simd128_schedule *schedule, const uint8_t *in, uint8_t *out, size_t blocks);

/* Same signatures and results as aes_ct_encrypt_cbc / aes_ct_decrypt_cbc (aes-ct.h): PKCS#7 as
 * libolm; decrypt refuses an empty or part-block ciphertext with (size_t)-1 and no write. */
void aes_simd128_encrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv, const uint8_t *input,
                             size_t input_length, uint8_t *output);
size_t aes_simd128_decrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv, const uint8_t *input,
                               size_t input_length, uint8_t *output);

#ifdef __cplusplus
}
#endif
#endif
