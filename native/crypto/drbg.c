/* ChaCha20 as a deterministic generator (see drbg.h). Not constant-time-critical beyond what
 * ChaCha20 is anyway (no tables, no branches on the key). */
#include "drbg.h"

#include <string.h>

#include "olm/memory.h"

static uint32_t load32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static void store32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
#define ROTL(v, n) ((v) << (n) | (v) >> (32 - (n)))
#define QR(a, b, c, d)                      \
    a += b; d ^= a; d = ROTL(d, 16);        \
    c += d; b ^= c; b = ROTL(b, 12);        \
    a += b; d ^= a; d = ROTL(d, 8);         \
    c += d; b ^= c; b = ROTL(b, 7)

void olm_universal_chacha20_block(const uint8_t key[32], uint32_t counter, const uint8_t nonce[12], uint8_t out[64]) {
    uint32_t in[16], x[16];
    in[0] = 0x61707865; in[1] = 0x3320646e; in[2] = 0x79622d32; in[3] = 0x6b206574;
    for (int i = 0; i < 8; i++) in[4 + i] = load32(key + 4 * i);
    in[12] = counter;
    for (int i = 0; i < 3; i++) in[13 + i] = load32(nonce + 4 * i);
    memcpy(x, in, sizeof(x));
    for (int round = 0; round < 10; round++) {
        QR(x[0], x[4], x[8], x[12]); QR(x[1], x[5], x[9], x[13]);
        QR(x[2], x[6], x[10], x[14]); QR(x[3], x[7], x[11], x[15]);
        QR(x[0], x[5], x[10], x[15]); QR(x[1], x[6], x[11], x[12]);
        QR(x[2], x[7], x[8], x[13]); QR(x[3], x[4], x[9], x[14]);
    }
    for (int i = 0; i < 16; i++) store32(out + 4 * i, x[i] + in[i]);
    _olm_unset(in, sizeof(in));
    _olm_unset(x, sizeof(x));
}

size_t olm_universal_drbg_generate(void *state, size_t state_length, void *output, size_t output_length) {
    static const uint8_t nonce[12] = {0};
    uint8_t *key = (uint8_t *)state, *out = (uint8_t *)output, block[64];
    uint8_t next[32];
    if (state_length != OLM_UNIVERSAL_DRBG_STATE_LENGTH) return (size_t)-1;
    /* Keystream bytes 0-31 are the next key, the rest the output. */
    uint32_t counter = 0;
    size_t done = 0;
    olm_universal_chacha20_block(key, counter++, nonce, block);
    memcpy(next, block, 32);
    size_t take = output_length < 32 ? output_length : 32;
    memcpy(out, block + 32, take);
    done = take;
    while (done < output_length) {
        olm_universal_chacha20_block(key, counter++, nonce, block);
        take = output_length - done < 64 ? output_length - done : 64;
        memcpy(out + done, block, take);
        done += take;
    }
    memcpy(key, next, 32);
    _olm_unset(block, sizeof(block));
    _olm_unset(next, sizeof(next));
    return 0;
}
