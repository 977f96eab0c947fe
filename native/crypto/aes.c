/* AES-256-CBC with PKCS#7 padding, as libolm's src/crypto.cpp does it, on AES-NI when the CPU
 * has it. Without AES-NI it runs a constant-time AES: the bitsliced aes-ct.c (other architectures,
 * forced portable), except CBC encryption on WASM with SIMD128, aes-simd128.c (one block per
 * vector, swizzle lookups: 2.7x aes-ct's one-slot-of-four serial pass; aes-ct's four-block
 * decryption stays faster). libolm's table AES indexes tables by secret bytes (CVE-2024-45191). */
#include "fast-crypto.h"

#include <string.h>

#include "aes-ct.h"
#include "aes-simd128.h"
#include "cbc-padding.h"

#ifdef __wasm_simd128__
#define portable_encrypt_cbc aes_simd128_encrypt_cbc
#else
#define portable_encrypt_cbc aes_ct_encrypt_cbc
#endif

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_AES_NI 1
#include <immintrin.h>
#endif

#define BLOCK 16

size_t fast_crypto_aes_encrypt_cbc_length(size_t input_length) { return input_length + BLOCK - input_length % BLOCK; }

#ifdef HAVE_AES_NI
#define TARGET_AES __attribute__((target("aes,sse4.1")))

/* FIPS 197 key expansion for 256-bit keys: words alternate between RotWord+SubWord+Rcon
 * (aeskeygenassist lane 3) and SubWord alone (lane 2). */
TARGET_AES static __m128i spread(__m128i key) {
    key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
    key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
    return _mm_xor_si128(key, _mm_slli_si128(key, 4));
}
#define EXPAND_EVEN(i, rcon) \
    rk[i] = _mm_xor_si128(spread(rk[i - 2]), _mm_shuffle_epi32(_mm_aeskeygenassist_si128(rk[i - 1], rcon), 0xFF))
#define EXPAND_ODD(i) \
    rk[i] = _mm_xor_si128(spread(rk[i - 2]), _mm_shuffle_epi32(_mm_aeskeygenassist_si128(rk[i - 1], 0), 0xAA))

TARGET_AES static void expand_key(const uint8_t key[32], __m128i rk[15]) {
    rk[0] = _mm_loadu_si128((const __m128i *)key);
    rk[1] = _mm_loadu_si128((const __m128i *)(key + 16));
    /* clang-format off */
    EXPAND_EVEN(2, 0x01); EXPAND_ODD(3);
    EXPAND_EVEN(4, 0x02); EXPAND_ODD(5);
    EXPAND_EVEN(6, 0x04); EXPAND_ODD(7);
    EXPAND_EVEN(8, 0x08); EXPAND_ODD(9);
    EXPAND_EVEN(10, 0x10); EXPAND_ODD(11);
    EXPAND_EVEN(12, 0x20); EXPAND_ODD(13);
    /* clang-format on */
    EXPAND_EVEN(14, 0x40);
}

TARGET_AES static __m128i encrypt_block(const __m128i rk[15], __m128i x) {
    x = _mm_xor_si128(x, rk[0]);
    for (int i = 1; i < 14; i++) x = _mm_aesenc_si128(x, rk[i]);
    return _mm_aesenclast_si128(x, rk[14]);
}

TARGET_AES static void encrypt_ni(const uint8_t key[32], const uint8_t iv[16], const uint8_t *input,
                                  size_t input_length, uint8_t *output) {
    __m128i rk[15];
    uint8_t last[BLOCK];
    expand_key(key, rk);
    __m128i chain = _mm_loadu_si128((const __m128i *)iv);
    size_t full = input_length / BLOCK;
    for (size_t i = 0; i < full; i++) {
        chain = encrypt_block(rk, _mm_xor_si128(chain, _mm_loadu_si128((const __m128i *)(input + BLOCK * i))));
        _mm_storeu_si128((__m128i *)(output + BLOCK * i), chain);
    }
    cbc_padded_tail(input, input_length, last);
    chain = encrypt_block(rk, _mm_xor_si128(chain, _mm_loadu_si128((const __m128i *)last)));
    _mm_storeu_si128((__m128i *)(output + BLOCK * full), chain);
    fast_wipe(rk, sizeof(rk));
    fast_wipe(last, sizeof(last));
}

/* CBC decryption has no chain dependency through the cipher: four blocks go through the
 * pipelined aesdec units together. */
TARGET_AES static void decrypt_ni(const uint8_t key[32], const uint8_t iv[16], const uint8_t *input,
                                  size_t input_length, uint8_t *output) {
    __m128i rk[15], dk[15];
    expand_key(key, rk);
    dk[0] = rk[14];
    for (int i = 1; i < 14; i++) dk[i] = _mm_aesimc_si128(rk[14 - i]);
    dk[14] = rk[0];
    __m128i chain = _mm_loadu_si128((const __m128i *)iv);
    size_t blocks = input_length / BLOCK, i = 0;
    for (; i + 4 <= blocks; i += 4) {
        __m128i c[4], x[4];
        for (int j = 0; j < 4; j++) {
            c[j] = _mm_loadu_si128((const __m128i *)(input + BLOCK * (i + j)));
            x[j] = _mm_xor_si128(c[j], dk[0]);
        }
        for (int r = 1; r < 14; r++)
            for (int j = 0; j < 4; j++) x[j] = _mm_aesdec_si128(x[j], dk[r]);
        for (int j = 0; j < 4; j++) {
            x[j] = _mm_xor_si128(_mm_aesdeclast_si128(x[j], dk[14]), j ? c[j - 1] : chain);
            _mm_storeu_si128((__m128i *)(output + BLOCK * (i + j)), x[j]);
        }
        chain = c[3];
    }
    for (; i < blocks; i++) {
        __m128i c = _mm_loadu_si128((const __m128i *)(input + BLOCK * i));
        __m128i x = _mm_xor_si128(c, dk[0]);
        for (int r = 1; r < 14; r++) x = _mm_aesdec_si128(x, dk[r]);
        _mm_storeu_si128((__m128i *)(output + BLOCK * i), _mm_xor_si128(_mm_aesdeclast_si128(x, dk[14]), chain));
        chain = c;
    }
    fast_wipe(rk, sizeof(rk));
    fast_wipe(dk, sizeof(dk));
}
#endif

void fast_crypto_aes_encrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv,
                                 const uint8_t *input, size_t input_length, uint8_t *output) {
#ifdef HAVE_AES_NI
    if (fast_cpu_has_aes_ni()) {
        encrypt_ni(key->key, iv->iv, input, input_length, output);
        return;
    }
#endif
    portable_encrypt_cbc(key, iv, input, input_length, output);
}

size_t fast_crypto_aes_decrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv,
                                   const uint8_t *input, size_t input_length, uint8_t *output) {
    /* Only whole blocks decrypt: a partial one was returned as bytes never written, and an empty
     * input read output[-1]. As patched libolm (vendor/olm/patches/0002): -1, nothing touched. */
    if (input_length == 0 || input_length % 16 != 0) return (size_t)-1;
#ifdef HAVE_AES_NI
    if (!fast_cpu_has_aes_ni()) return aes_ct_decrypt_cbc(key, iv, input, input_length, output);
    decrypt_ni(key->key, iv->iv, input, input_length, output);
    return cbc_unpadded_length(output, input_length);
#else
    return aes_ct_decrypt_cbc(key, iv, input, input_length, output);
#endif
}
