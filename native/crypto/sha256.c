/* SHA-256 (FIPS 180-4) with the x86-64 SHA extensions when the CPU has them and plain C
 * otherwise, and the HMAC (RFC 2104) and HKDF (RFC 5869) libolm builds on it, composed exactly
 * as libolm's src/crypto.cpp does. SHA-256 indexes no table by secret data on either path. */
#include "fast-crypto.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_SHA_NI 1
#include <immintrin.h>
#endif

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

typedef struct {
    uint32_t h[8];
    uint64_t length; /* bytes hashed so far */
    uint8_t buffer[64];
    size_t buffered;
    void (*blocks)(uint32_t h[8], const uint8_t *data, size_t count);
} sha256_ctx;

#define ROTR(x, n)   (((x) >> (n)) | ((x) << (32 - (n))))
#define CH(x, y, z)  ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))
#define BSIG0(x)     (ROTR(x, 2) ^ ROTR(x, 13) ^ ROTR(x, 22))
#define BSIG1(x)     (ROTR(x, 6) ^ ROTR(x, 11) ^ ROTR(x, 25))
#define SSIG0(x)     (ROTR(x, 7) ^ ROTR(x, 18) ^ ((x) >> 3))
#define SSIG1(x)     (ROTR(x, 17) ^ ROTR(x, 19) ^ ((x) >> 10))

/* Round t of FIPS 180-4 6.2.2 without moving the eight working variables: each call names them
 * one place further on (the caller rotates the arguments), so only d and h are written. */
#define ROUND(a, b, c, d, e, f, g, h, t)                              \
    do {                                                              \
        uint32_t t1 = h + BSIG1(e) + CH(e, f, g) + K[j + (t)] + w[t]; \
        d += t1;                                                      \
        h = t1 + BSIG0(a) + MAJ(a, b, c);                             \
    } while (0)

/* W[j+i] from W[j+i-2], W[j+i-7], W[j+i-15], W[j+i-16], in the window's slot i. */
#define SCHEDULE(i) (w[i] += SSIG1(w[((i) + 14) & 15]) + w[((i) + 9) & 15] + SSIG0(w[((i) + 1) & 15]))

/* clang-format off */
#define SIXTEEN_ROUNDS()                                                                    \
    do {                                                                                    \
        ROUND(a, b, c, d, e, f, g, k, 0); ROUND(k, a, b, c, d, e, f, g, 1);                 \
        ROUND(g, k, a, b, c, d, e, f, 2); ROUND(f, g, k, a, b, c, d, e, 3);                 \
        ROUND(e, f, g, k, a, b, c, d, 4); ROUND(d, e, f, g, k, a, b, c, 5);                 \
        ROUND(c, d, e, f, g, k, a, b, 6); ROUND(b, c, d, e, f, g, k, a, 7);                 \
        ROUND(a, b, c, d, e, f, g, k, 8); ROUND(k, a, b, c, d, e, f, g, 9);                 \
        ROUND(g, k, a, b, c, d, e, f, 10); ROUND(f, g, k, a, b, c, d, e, 11);               \
        ROUND(e, f, g, k, a, b, c, d, 12); ROUND(d, e, f, g, k, a, b, c, 13);               \
        ROUND(c, d, e, f, g, k, a, b, 14); ROUND(b, c, d, e, f, g, k, a, 15);               \
    } while (0)
/* clang-format on */

static inline uint32_t load_be32(const uint8_t *p) {
    uint32_t x;
    memcpy(&x, p, 4);
    return __builtin_bswap32(x);
}

/* Plain C, shaped for WebAssembly engines as much as for C compilers: the 16-word message
 * schedule is a rolling window updated in place (W[t] replaces W[t-16]), and the rounds are
 * written out, so every word and working variable is a register (a wasm local), none in memory,
 * and nothing is moved between rounds. The window is not wiped: it is never in memory here, and
 * the seam burns the stack after the HMAC and HKDF that hash secrets. */
static void blocks_portable(uint32_t h[8], const uint8_t *data, size_t count) {
    for (; count--; data += 64) {
        uint32_t w[16];
        for (int i = 0; i < 16; i++) w[i] = load_be32(data + 4 * i);
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
        int j = 0;
        SIXTEEN_ROUNDS();
        for (j = 16; j < 64; j += 16) {
            /* clang-format off */
            SCHEDULE(0); SCHEDULE(1); SCHEDULE(2); SCHEDULE(3); SCHEDULE(4); SCHEDULE(5);
            SCHEDULE(6); SCHEDULE(7); SCHEDULE(8); SCHEDULE(9); SCHEDULE(10); SCHEDULE(11);
            SCHEDULE(12); SCHEDULE(13); SCHEDULE(14); SCHEDULE(15);
            /* clang-format on */
            SIXTEEN_ROUNDS();
        }
        /* clang-format off */
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
        /* clang-format on */
    }
}

#ifdef HAVE_SHA_NI
/* The SHA-NI round instructions keep the state as ABEF and CDGH; each sha256rnds2 does two
 * rounds with the message words plus constants in the low 64 bits of its third operand. */
__attribute__((target("sha,sse4.1,ssse3"))) static void blocks_sha_ni(uint32_t h[8], const uint8_t *data,
                                                                      size_t count) {
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i dcba = _mm_loadu_si128((const __m128i *)&h[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&h[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
    for (; count--; data += 64) {
        __m128i abef_in = abef, cdgh_in = cdgh, m[4];
        for (int g = 0; g < 16; g++) {
            __m128i *cur = &m[g & 3];
            if (g < 4) {
                *cur = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * g)), byteswap);
            } else {
                /* W[t..t+3] from W[t-16..t-13], W[t-15], W[t-7..t-4], W[t-2], W[t-1]. */
                __m128i x = _mm_sha256msg1_epu32(*cur, m[(g + 1) & 3]);
                x = _mm_add_epi32(x, _mm_alignr_epi8(m[(g + 3) & 3], m[(g + 2) & 3], 4));
                *cur = _mm_sha256msg2_epu32(x, m[(g + 3) & 3]);
            }
            __m128i wk = _mm_add_epi32(*cur, _mm_loadu_si128((const __m128i *)&K[4 * g]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
        }
        abef = _mm_add_epi32(abef, abef_in);
        cdgh = _mm_add_epi32(cdgh, cdgh_in);
    }
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(dchg, feba, 8));
}
#endif

static void sha256_init(sha256_ctx *ctx) {
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(ctx->h, iv, sizeof(iv));
    ctx->length = 0;
    ctx->buffered = 0;
    ctx->blocks = blocks_portable;
#ifdef HAVE_SHA_NI
    if (fast_cpu_has_sha_ni()) ctx->blocks = blocks_sha_ni;
#endif
}

static void sha256_update(sha256_ctx *ctx, const uint8_t *data, size_t length) {
    ctx->length += length;
    if (ctx->buffered) {
        size_t take = 64 - ctx->buffered < length ? 64 - ctx->buffered : length;
        memcpy(ctx->buffer + ctx->buffered, data, take);
        ctx->buffered += take;
        data += take;
        length -= take;
        if (ctx->buffered < 64) return;
        ctx->blocks(ctx->h, ctx->buffer, 1);
        ctx->buffered = 0;
    }
    if (length >= 64) {
        ctx->blocks(ctx->h, data, length / 64);
        data += length & ~(size_t)63;
        length &= 63;
    }
    memcpy(ctx->buffer, data, length);
    ctx->buffered = length;
}

static void sha256_final(sha256_ctx *ctx, uint8_t out[32]) {
    uint64_t bits = ctx->length * 8;
    size_t n = ctx->buffered;
    ctx->buffer[n++] = 0x80;
    if (n > 56) {
        memset(ctx->buffer + n, 0, 64 - n);
        ctx->blocks(ctx->h, ctx->buffer, 1);
        n = 0;
    }
    memset(ctx->buffer + n, 0, 56 - n);
    for (int i = 0; i < 8; i++) ctx->buffer[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    ctx->blocks(ctx->h, ctx->buffer, 1);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(ctx->h[i] >> 24);
        out[4 * i + 1] = (uint8_t)(ctx->h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(ctx->h[i] >> 8);
        out[4 * i + 3] = (uint8_t)ctx->h[i];
    }
    fast_wipe(ctx, sizeof(*ctx));
}

void fast_crypto_sha256(const uint8_t *input, size_t input_length, uint8_t *output) {
    sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, input, input_length);
    sha256_final(&ctx, output);
}

/* HMAC key block: keys longer than a block are hashed first, shorter ones zero padded. */
static void hmac_key(const uint8_t *key, size_t key_length, uint8_t block[64]) {
    memset(block, 0, 64);
    if (key_length > 64) fast_crypto_sha256(key, key_length, block);
    else memcpy(block, key, key_length);
}

static void hmac_start(sha256_ctx *ctx, const uint8_t block[64]) {
    uint8_t pad[64];
    for (int i = 0; i < 64; i++) pad[i] = block[i] ^ 0x36;
    sha256_init(ctx);
    sha256_update(ctx, pad, 64);
    fast_wipe(pad, sizeof(pad));
}

static void hmac_finish(sha256_ctx *ctx, const uint8_t block[64], uint8_t out[32]) {
    uint8_t pad[64 + 32];
    for (int i = 0; i < 64; i++) pad[i] = block[i] ^ 0x5c;
    sha256_final(ctx, pad + 64);
    fast_crypto_sha256(pad, sizeof(pad), out);
    fast_wipe(pad, sizeof(pad));
}

void fast_crypto_hmac_sha256(const uint8_t *key, size_t key_length, const uint8_t *input, size_t input_length,
                             uint8_t *output) {
    uint8_t block[64];
    sha256_ctx ctx;
    hmac_key(key, key_length, block);
    hmac_start(&ctx, block);
    sha256_update(&ctx, input, input_length);
    hmac_finish(&ctx, block, output);
    fast_wipe(block, sizeof(block));
}

void fast_crypto_hkdf_sha256(const uint8_t *input, size_t input_length, const uint8_t *salt, size_t salt_length,
                             const uint8_t *info, size_t info_length, uint8_t *output, size_t output_length) {
    static const uint8_t default_salt[32];
    uint8_t block[64], t[32];
    uint8_t counter = 1; /* a byte, as in libolm: it wraps past 255 blocks */
    sha256_ctx ctx;
    if (!salt) {
        salt = default_salt;
        salt_length = sizeof(default_salt);
    }
    /* Extract: PRK = HMAC(salt, input). */
    hmac_key(salt, salt_length, block);
    hmac_start(&ctx, block);
    sha256_update(&ctx, input, input_length);
    hmac_finish(&ctx, block, t);
    hmac_key(t, sizeof(t), block);
    /* Expand: T(n) = HMAC(PRK, T(n-1) | info | n). */
    hmac_start(&ctx, block);
    sha256_update(&ctx, info, info_length);
    sha256_update(&ctx, &counter, 1);
    hmac_finish(&ctx, block, t);
    while (output_length > 32) {
        memcpy(output, t, 32);
        output += 32;
        output_length -= 32;
        counter++;
        hmac_start(&ctx, block);
        sha256_update(&ctx, t, 32);
        sha256_update(&ctx, info, info_length);
        sha256_update(&ctx, &counter, 1);
        hmac_finish(&ctx, block, t);
    }
    memcpy(output, t, output_length);
    fast_wipe(block, sizeof(block));
    fast_wipe(t, sizeof(t));
}
