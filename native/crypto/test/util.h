/* Helpers shared by the crypto test programs: hex, failure counting, a seeded generator and a
 * clock. Test code only. */
#ifndef OLM_UNIVERSAL_CRYPTO_TEST_UTIL_H
#define OLM_UNIVERSAL_CRYPTO_TEST_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int failures;

static inline size_t unhex(const char *hex, uint8_t *out) {
    size_t n = strlen(hex) / 2;
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
    return n;
}

static inline void print_hex(const uint8_t *bytes, size_t length) {
    for (size_t i = 0; i < length; i++) fprintf(stderr, "%02x", bytes[i]);
    fprintf(stderr, "\n");
}

/* Compares got with the hex string want; reports and counts a mismatch. */
static inline void expect_hex(const char *what, const uint8_t *got, const char *want) {
    uint8_t bytes[256];
    size_t n = unhex(want, bytes);
    if (memcmp(got, bytes, n) != 0) {
        fprintf(stderr, "FAIL %s\n  got  ", what);
        print_hex(got, n);
        fprintf(stderr, "  want %s\n", want);
        failures++;
    }
}

static inline void expect(const char *what, int ok) {
    if (!ok) {
        fprintf(stderr, "FAIL %s\n", what);
        failures++;
    }
}

/* splitmix64: reproducible inputs (the seed is printed so a failure can be replayed). */
static uint64_t rng_state;
static inline uint64_t rng_next(void) {
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static inline void rng_fill(uint8_t *out, size_t length) {
    for (size_t i = 0; i < length; i++) out[i] = (uint8_t)rng_next();
}
static inline size_t rng_below(size_t bound) { return (size_t)(rng_next() % bound); }

static inline double now_us(void) {
    struct timespec ts;
#ifdef __EMSCRIPTEN__
    clock_gettime(CLOCK_MONOTONIC, &ts); /* emscripten has no CPU-time clock (it returned garbage) */
#else
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* CPU time: the machine is shared */
#endif
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

#endif
