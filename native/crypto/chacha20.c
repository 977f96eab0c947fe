/* ChaCha20's block function (RFC 8439 section 2.3), for the seeded generator (drbg.c). No tables,
 * no branches on the key: constant time as ChaCha20 is. */
#include "chacha20.h"

#include <string.h>

#include "wipe.h"

static uint32_t load32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static void store32(uint8_t *p, uint32_t v) {
    /* clang-format off */
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
    /* clang-format on */
}
#define ROTL(v, n) ((v) << (n) | (v) >> (32 - (n)))
/* clang-format off */
#define QR(a, b, c, d)                      \
    a += b; d ^= a; d = ROTL(d, 16);        \
    c += d; b ^= c; b = ROTL(b, 12);        \
    a += b; d ^= a; d = ROTL(d, 8);         \
    c += d; b ^= c; b = ROTL(b, 7)
/* clang-format on */

void olm_universal_chacha20_block(const uint8_t key[32], uint32_t counter, const uint8_t nonce[12], uint8_t out[64]) {
    uint32_t in[16], x[16];
    /* clang-format off */
    in[0] = 0x61707865; in[1] = 0x3320646e; in[2] = 0x79622d32; in[3] = 0x6b206574;
    /* clang-format on */
    for (int i = 0; i < 8; i++) in[4 + i] = load32(key + 4 * i);
    in[12] = counter;
    for (int i = 0; i < 3; i++) in[13 + i] = load32(nonce + 4 * i);
    memcpy(x, in, sizeof(x));
    for (int round = 0; round < 10; round++) {
        /* clang-format off */
        QR(x[0], x[4], x[8], x[12]); QR(x[1], x[5], x[9], x[13]);
        QR(x[2], x[6], x[10], x[14]); QR(x[3], x[7], x[11], x[15]);
        QR(x[0], x[5], x[10], x[15]); QR(x[1], x[6], x[11], x[12]);
        QR(x[2], x[7], x[8], x[13]); QR(x[3], x[4], x[9], x[14]);
        /* clang-format on */
    }
    for (int i = 0; i < 16; i++) store32(out + 4 * i, x[i] + in[i]);
    fast_wipe(in, sizeof(in));
    fast_wipe(x, sizeof(x));
}
