/* Constant-time base64 (libolm patch 0013, src/base64.cpp) against libolm's table code, the same
 * file compiled with OLM_UNIVERSAL_STOCK_BASE64 and its symbols renamed stock_* (see
 * test/base64-ct.test.ts for the build): RFC 4648 vectors, every 2- and 3-character input of any
 * bytes, every byte in every position of 4- and 6-character inputs, and random inputs of random
 * length, for encode and decode (including what libolm refuses: length % 4 == 1), and with input
 * and output overlapping in every way (libolm encodes and decodes in place), then every length
 * 0-300 with and without invalid characters and overlapping at and around the point where the
 * fast paths take over. All of it once per path: the vector path (SSSE3 where the CPU has it, WASM
 * SIMD in a -msimd128 build) and the portable one, forced by the test switch of a build with
 * OLM_UNIVERSAL_BASE64_TESTING.
 * Usage: base64-diff [iterations] [seed]. Prints "DIFFER ..." and exits 1 on any difference. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olm/base64.h"

size_t stock_encode_base64_length(size_t input_length);
size_t stock_encode_base64(const uint8_t *input, size_t input_length, uint8_t *output);
size_t stock_decode_base64_length(size_t input_length);
size_t stock_decode_base64(const uint8_t *input, size_t input_length, uint8_t *output);
/* base64.cpp's test switch: 1 forces the portable path; returns whether a vector path exists. */
int olm_universal_base64_force_portable(int portable);

#define MAX 300
static uint64_t state;
static uint32_t rng(void) { /* xorshift64*: reproducible from the seed */
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return (uint32_t)((state * 0x2545F4914F6CDD1DULL) >> 32);
}
static long compared;
static const char *path = "";

static void differ(const char *what, const uint8_t *input, size_t length) {
    printf("DIFFER %s (%s path), input (%zu bytes):", what, path, length);
    for (size_t i = 0; i < length; i++) printf(" %02x", input[i]);
    printf("\n");
    exit(1);
}

typedef size_t (*codec)(const uint8_t *input, size_t input_length, uint8_t *output);
typedef size_t (*codec_length)(size_t input_length);

/* Ours and stock on one input, into buffers filled alike beforehand: the results, every byte of
 * the buffers (so also what either writes past its result) and the length functions must agree. */
static void check(const char *what, const char *what_length, codec ours, codec stock, codec_length ours_length,
                  codec_length stock_length, const uint8_t *input, size_t length) {
    uint8_t a[2 * MAX], b[2 * MAX];
    memset(a, 0xA5, sizeof(a));
    memset(b, 0xA5, sizeof(b));
    size_t ra = ours(input, length, a), rb = stock(input, length, b);
    if (ra != rb || memcmp(a, b, sizeof(a))) differ(what, input, length);
    if (ours_length(length) != stock_length(length)) differ(what_length, input, length);
    compared++;
}

static void check_decode(const uint8_t *input, size_t length) {
    check("decode", "decode length", _olm_decode_base64, stock_decode_base64, _olm_decode_base64_length,
          stock_decode_base64_length, input, length);
}

static void check_encode(const uint8_t *input, size_t length) {
    check("encode", "encode length", _olm_encode_base64, stock_encode_base64, _olm_encode_base64_length,
          stock_encode_base64_length, input, length);
}

/* Input and output in one buffer at offsets `from` and `to` (libolm encodes and decodes in place,
 * and encodes into the tail of its output buffer): both implementations on copies of the same
 * arena, which must match byte for byte afterwards, whatever the overlap does. */
#define ARENA (4 * MAX) /* from and to below 2 MAX, 4/3 MAX written at most */
static void check_overlap(int decode, const uint8_t *input, size_t length, size_t from, size_t to) {
    static uint8_t a[ARENA], b[ARENA];
    for (size_t i = 0; i < ARENA; i++) a[i] = (uint8_t)(i * 131 + 7);
    memcpy(a + from, input, length);
    memcpy(b, a, ARENA);
    size_t ra, rb;
    if (decode) {
        ra = _olm_decode_base64(a + from, length, a + to);
        rb = stock_decode_base64(b + from, length, b + to);
    } else {
        ra = _olm_encode_base64(a + from, length, a + to);
        rb = stock_encode_base64(b + from, length, b + to);
    }
    if (ra != rb || memcmp(a, b, ARENA)) {
        printf("from %zu to %zu: ", from, to);
        differ(decode ? "decode (overlapping)" : "encode (overlapping)", input, length);
    }
    compared++;
}

static int rfc4648(void) {
    static const char *const vectors[][2] = {
        {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},          {"foo", "Zm9v"},
        {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
    };
    int failed = 0;
    for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
        const char *plain = vectors[i][0], *text = vectors[i][1];
        uint8_t out[16] = {0};
        size_t n = _olm_encode_base64((const uint8_t *)plain, strlen(plain), out);
        if (n != strlen(text) || memcmp(out, text, n)) {
            printf("FAILED RFC 4648 encode \"%s\"\n", plain);
            failed = 1;
        }
        memset(out, 0, sizeof(out));
        n = _olm_decode_base64((const uint8_t *)text, strlen(text), out);
        if (n != strlen(plain) || memcmp(out, plain, n)) {
            printf("FAILED RFC 4648 decode \"%s\"\n", text);
            failed = 1;
        }
    }
    /* The whole alphabet, in order: 48 bytes encode to it. */
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    uint8_t raw[48], text[64];
    if (_olm_decode_base64((const uint8_t *)alphabet, 64, raw) != 48 || _olm_encode_base64(raw, 48, text) != 64 ||
        memcmp(text, alphabet, 64)) {
        printf("FAILED alphabet round trip\n");
        failed = 1;
    }
    return failed;
}

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Every length 0-300: random bytes to encode, alphabet text to decode, the same text with
 * characters outside the alphabet (anywhere, high bit set or not), and in-place and shifted
 * buffers at the shifts where a path's choice changes (encode: input ahead of the output by
 * the number of groups; decode: output at or before the input). */
static void every_length(long per_length) {
    uint8_t input[MAX + 1];
    for (size_t length = 0; length <= MAX; length++) {
        for (long k = 0; k < per_length; k++) {
            for (size_t j = 0; j < length; j++) input[j] = (uint8_t)rng();
            check_encode(input, length);
            check_decode(input, length);
            for (size_t j = 0; j < length; j++) input[j] = (uint8_t)alphabet[rng() & 63];
            check_decode(input, length);
            if (length) {
                size_t bad = 1 + rng() % 3;
                for (size_t b = 0; b < bad; b++) input[rng() % length] = (uint8_t)rng();
                check_decode(input, length);
                input[rng() % length] |= 0x80; /* the low 7 bits count, as libolm's table */
                check_decode(input, length);
            }
            size_t base = MAX, groups = length / 3, tail = _olm_encode_base64_length(length) - length;
            const long shifts[] = {0, 1, 2, 3, 4, 5, (long)groups - 1, (long)groups, (long)groups + 1, (long)tail};
            for (size_t i = 0; i < sizeof(shifts) / sizeof(shifts[0]); i++) {
                long shift = shifts[i];
                if (shift < 0 || shift > (long)MAX) continue;
                for (size_t j = 0; j < length; j++) input[j] = (uint8_t)rng();
                check_overlap(0, input, length, base + shift, base);
                check_overlap(0, input, length, base, base + shift);
                for (size_t j = 0; j < length; j++) input[j] = (uint8_t)alphabet[rng() & 63];
                check_overlap(1, input, length, base + shift, base);
                check_overlap(1, input, length, base, base + shift);
            }
        }
    }
}

static void run_all(long iterations) {
    uint8_t input[MAX];
    /* Every 2- and 3-byte input, as text to decode and as bytes to encode. */
    for (uint32_t v = 0; v < (1u << 24); v++) {
        input[0] = (uint8_t)v;
        input[1] = (uint8_t)(v >> 8);
        input[2] = (uint8_t)(v >> 16);
        check_decode(input, 3);
        check_encode(input, 3);
        if (v < (1u << 16)) {
            check_decode(input, 2);
            check_encode(input, 2);
        }
        if (v < 256) {
            check_decode(input, 1);
            check_encode(input, 1);
        }
    }
    check_decode(input, 0);
    check_encode(input, 0);
    /* Every byte in every position of 4- and 6-character text around valid characters. */
    for (size_t length = 4; length <= 6; length += 2)
        for (size_t at = 0; at < length; at++)
            for (int byte = 0; byte < 256; byte++) {
                memcpy(input, "QUJDREVG", length);
                input[at] = (uint8_t)byte;
                check_decode(input, length);
            }
    printf("exhaustive 0-3 bytes and single-byte changes: same\n");
    /* Random: any bytes, and base64-alphabet text (what libolm is normally given). */
    for (long i = 0; i < iterations; i++) {
        size_t length = rng() % (MAX - 1);
        for (size_t j = 0; j < length; j++) input[j] = (uint8_t)rng();
        check_encode(input, length);
        check_decode(input, length);
        for (size_t j = 0; j < length; j++) input[j] = (uint8_t)alphabet[rng() & 63];
        check_decode(input, length);
    }
    printf("random: %ld iterations: same\n", iterations);
    /* Overlapping buffers: in place, libolm's encode-into-the-tail layout, and shifted either way
     * by up to 300 bytes (where libolm's group-by-group order clobbers unread input). */
    for (long i = 0; i < iterations; i++) {
        size_t length = rng() % (MAX - 1);
        int decode = (int)(i & 1);
        for (size_t j = 0; j < length; j++)
            input[j] = decode && (rng() & 1) ? (uint8_t)alphabet[rng() & 63] : (uint8_t)rng();
        size_t base = MAX, tail = _olm_encode_base64_length(length) - length;
        check_overlap(decode, input, length, base, base);
        if (!decode) check_overlap(0, input, length, base + tail, base);
        size_t shift = rng() % MAX;
        check_overlap(decode, input, length, base, base + shift);
        check_overlap(decode, input, length, base, base - shift);
    }
    printf("overlapping buffers: %ld iterations: same\n", iterations);
    every_length(iterations / 1000 + 1);
    printf("every length 0-%d, invalid characters, overlap: same\n", MAX);
}

int main(int argc, char **argv) {
    long iterations = argc > 1 ? atol(argv[1]) : 100000;
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
    state = seed | 1;
    printf("base64-diff seed %llu\n", (unsigned long long)seed);
    if (rfc4648()) return 1;
    printf("RFC 4648 vectors: passed\n");
    int vector = olm_universal_base64_force_portable(0);
    if (vector) {
        path = "vector";
        printf("== vector path (SSSE3 or WASM SIMD)\n");
        run_all(iterations);
    }
    olm_universal_base64_force_portable(1);
    path = "portable";
    printf("== portable path\n");
    if (rfc4648()) return 1;
    run_all(iterations);
    olm_universal_base64_force_portable(0);
    printf("paths checked: %s\n", vector ? "vector, portable" : "portable");
    printf("base64: %ld comparisons, constant-time and table code agree\n", compared);
    return 0;
}
