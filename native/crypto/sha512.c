/* SHA-512 (FIPS 180-4), Ed25519's hash (RFC 8032), written from the standard. Portable C: libolm
 * hashes with SHA-512 only inside Ed25519 (keys, nonces, the challenge), a few blocks per call. */
#include "sha512.h"

#include <string.h>

#include "wipe.h"

/* The round constants and initial state, computed from their definitions (exact integer
 * arithmetic: fractional parts of cube and square roots of the first primes). */
/* clang-format off */
static const uint64_t K[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL};
static const uint64_t IV[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
/* clang-format on */

#define ROTR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

/* The message schedule rolls in 16 words (w[i & 15]), so there is little to wipe per block. */
static void block(uint64_t h[8], const uint8_t *p) {
    uint64_t w[16];
    for (int i = 0; i < 16; i++) {
        uint64_t v = 0;
        for (int j = 0; j < 8; j++) v = v << 8 | p[8 * i + j];
        w[i] = v;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 80; i++) {
        if (i >= 16) {
            uint64_t w15 = w[(i - 15) & 15], w2 = w[(i - 2) & 15];
            uint64_t s0 = ROTR64(w15, 1) ^ ROTR64(w15, 8) ^ (w15 >> 7);
            uint64_t s1 = ROTR64(w2, 19) ^ ROTR64(w2, 61) ^ (w2 >> 6);
            w[i & 15] += s0 + w[(i - 7) & 15] + s1;
        }
        uint64_t t1 = k + (ROTR64(e, 14) ^ ROTR64(e, 18) ^ ROTR64(e, 41)) + ((e & f) ^ (~e & g)) + K[i] + w[i & 15];
        uint64_t t2 = (ROTR64(a, 28) ^ ROTR64(a, 34) ^ ROTR64(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
        /* clang-format off */
        k = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        /* clang-format on */
    }
    /* clang-format off */
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
    /* clang-format on */
    fast_wipe(w, sizeof(w));
}

void fast_sha512_init(fast_sha512_ctx *ctx) {
    memcpy(ctx->h, IV, sizeof(IV));
    ctx->length = 0;
    ctx->buffered = 0;
}

void fast_sha512_update(fast_sha512_ctx *ctx, const uint8_t *data, size_t length) {
    ctx->length += length;
    while (length) {
        size_t take = 128 - ctx->buffered < length ? 128 - ctx->buffered : length;
        if (ctx->buffered == 0 && length >= 128) {
            block(ctx->h, data);
            take = 128;
        } else {
            memcpy(ctx->buffer + ctx->buffered, data, take);
            ctx->buffered += take;
            if (ctx->buffered == 128) {
                block(ctx->h, ctx->buffer);
                ctx->buffered = 0;
            }
        }
        data += take;
        length -= take;
    }
}

void fast_sha512_final(fast_sha512_ctx *ctx, uint8_t out[64]) {
    size_t n = ctx->buffered;
    ctx->buffer[n++] = 0x80;
    if (n > 112) {
        memset(ctx->buffer + n, 0, 128 - n);
        block(ctx->h, ctx->buffer);
        n = 0;
    }
    memset(ctx->buffer + n, 0, 128 - n);
    uint64_t bits = ctx->length << 3;
    ctx->buffer[119] = (uint8_t)(ctx->length >> 61);
    for (int i = 0; i < 8; i++) ctx->buffer[120 + i] = (uint8_t)(bits >> (56 - 8 * i));
    block(ctx->h, ctx->buffer);
    for (int i = 0; i < 64; i++) out[i] = (uint8_t)(ctx->h[i / 8] >> (56 - 8 * (i % 8)));
    fast_wipe(ctx, sizeof(*ctx));
}
