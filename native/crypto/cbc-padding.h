/* PKCS#7 padding of AES-256-CBC as libolm's src/crypto.cpp does it, shared by the three CBC
 * implementations (aes.c on AES-NI, aes-ct.c, aes-simd128.c), so they cannot drift apart. */
#ifndef OLM_UNIVERSAL_CBC_PADDING_H
#define OLM_UNIVERSAL_CBC_PADDING_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The last block to encrypt: the input's tail (input_length % 16 bytes, a public length), then
 * n bytes of value n (n = 1..16). */
static inline void cbc_padded_tail(const uint8_t *input, size_t input_length, uint8_t block[16]) {
    size_t tail = input_length % 16;
    memcpy(block, input + input_length - tail, tail);
    memset(block + tail, (int)(16 - tail), 16 - tail);
}

/* The plaintext length after decrypting `input_length` (≥ 16) bytes into `output`: as libolm,
 * the last byte names the padding, only checked against the length; (size_t)-1 when it names
 * more than there is. Without a branch (the byte is plaintext; gcc compiled the comparison to a
 * jump valgrind flagged): in 64 bits, on 32-bit targets too, the top bit of input_length - padding
 * is set exactly then. */
static inline size_t cbc_unpadded_length(const uint8_t *output, size_t input_length) {
    uint64_t rest = (uint64_t)input_length - output[input_length - 1];
    return (size_t)(rest | (0 - (rest >> 63)));
}

#endif
