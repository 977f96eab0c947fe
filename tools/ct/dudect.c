/* dudect-style timing test (Reparaz, Balasch, Verbauwhede, "Dude, is my code constant time?",
 * 2017), written for this project. Two input classes, fixed and random secret, are randomly
 * interleaved; every call is timed (rdtsc behind lfence on x86-64, clock_gettime elsewhere);
 * Welch's t statistic is computed on all samples, on 100 crops below percentiles of a first
 * batch of 100,000 calls that is not counted (dudect's 1 - 0.5^(10 (i+1) / 100)), and on the
 * centred squares (second order).
 * The largest |t| is printed; |t| > 4.5 means the timing depends on the secret.
 *
 * Usage: dudect TARGET [samples (default 1000000)] [seed]
 * Targets: aes-ct-enc-key aes-ct-dec-ct aes-ct-dec-key
 *          table-enc-key-warm table-enc-key-flushed table-dec-ct-warm table-dec-ct-flushed
 *          aesni-enc-key aesni-dec-ct base64-decode base64-encode
 *          base64-decode-portable base64-encode-portable (the portable path forced: base64.cpp
 *          built with OLM_UNIVERSAL_BASE64_TESTING; the others run the path the CPU selects)
 *          aes-simd128-enc-key aes-simd128-dec-ct aes-simd128-dec-key (built with emcc -msimd128)
 * Built by tools/ct/run.sh with libolm's lib/crypto-algorithms/aes.c included below (for the
 * addresses of its static tables), native/crypto/aes.c + cpu.c (AES-NI) and src/base64.cpp. */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aes-ct.h"
#include "aes-simd128.h"
#include "test/util.h" /* the seeded generator the crypto test programs share */
#include "fast-crypto.h"
#include "olm/base64.h"

/* libolm's table AES, included so its static tables (aes_sbox, aes_invsbox, gf_mul) can be
 * flushed from the cache before each call. */
#include "crypto-algorithms/aes.c"

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
static inline uint64_t ticks(void) {
    _mm_lfence();
    uint64_t t = __rdtsc();
    _mm_lfence();
    return t;
}
static void flush(const void *p, size_t length) {
    for (size_t i = 0; i < length; i += 64) _mm_clflush((const char *)p + i);
    _mm_mfence();
}
#define HAVE_FLUSH 1
#else
static inline uint64_t ticks(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
static void flush(const void *p, size_t length) {
    (void)p;
    (void)length;
}
#define HAVE_FLUSH 0
#endif

#define MESSAGE  64 /* bytes per AES call: four blocks */
#define B64_TEXT 43 /* unpadded base64 of a 32-byte key, as libolm writes keys */
#define INPUT    64

/* Public parts of every call (the non-secret operand). */
static struct _olm_aes256_key fixed_key;
static struct _olm_aes256_iv iv;
static uint8_t message[MESSAGE];
static uint8_t sink[MESSAGE + 16];

/* libolm's src/crypto.cpp CBC over the table AES (whole blocks). */
static void table_encrypt(const uint8_t *key) {
    WORD schedule[60];
    uint8_t block[16];
    aes_key_setup(key, schedule, 256);
    memcpy(block, iv.iv, 16);
    for (size_t i = 0; i < MESSAGE; i += 16) {
        for (int j = 0; j < 16; j++) block[j] ^= message[i + j];
        aes_encrypt(block, sink + i, schedule, 256);
        memcpy(block, sink + i, 16);
    }
}
static void table_decrypt(const uint8_t *key, const uint8_t *cipher) {
    WORD schedule[60];
    aes_key_setup(key, schedule, 256);
    for (size_t i = 0; i < MESSAGE; i += 16) {
        aes_decrypt(cipher + i, sink + i, schedule, 256);
        for (int j = 0; j < 16; j++) sink[i + j] ^= i ? cipher[i - 16 + j] : iv.iv[j];
    }
}
static void flush_tables(void) {
    flush(aes_sbox, sizeof(aes_sbox));
    flush(aes_invsbox, sizeof(aes_invsbox));
    flush(gf_mul, sizeof(gf_mul));
}

enum kind { KEY, CIPHERTEXT, BASE64 };
struct target {
    const char *name;
    enum kind secret;
    int flushed;
    void (*run)(const uint8_t *input);
};

static void run_aes_ct_enc(const uint8_t *key) {
    aes_ct_encrypt_cbc((const struct _olm_aes256_key *)key, &iv, message, MESSAGE, sink);
}
static void run_aes_ct_dec_ct(const uint8_t *cipher) { aes_ct_decrypt_cbc(&fixed_key, &iv, cipher, MESSAGE, sink); }
static void run_aes_ct_dec_key(const uint8_t *key) {
    aes_ct_decrypt_cbc((const struct _olm_aes256_key *)key, &iv, message, MESSAGE, sink);
}
static void run_table_enc(const uint8_t *key) { table_encrypt(key); }
static void run_table_dec(const uint8_t *cipher) { table_decrypt(fixed_key.key, cipher); }
static void run_aesni_enc(const uint8_t *key) {
    fast_crypto_aes_encrypt_cbc((const struct _olm_aes256_key *)key, &iv, message, MESSAGE, sink);
}
static void run_aesni_dec(const uint8_t *cipher) {
    fast_crypto_aes_decrypt_cbc(&fixed_key, &iv, cipher, MESSAGE, sink);
}
#ifdef __wasm_simd128__
static void run_simd128_enc(const uint8_t *key) {
    aes_simd128_encrypt_cbc((const struct _olm_aes256_key *)key, &iv, message, MESSAGE, sink);
}
static void run_simd128_dec_ct(const uint8_t *cipher) {
    aes_simd128_decrypt_cbc(&fixed_key, &iv, cipher, MESSAGE, sink);
}
static void run_simd128_dec_key(const uint8_t *key) {
    aes_simd128_decrypt_cbc((const struct _olm_aes256_key *)key, &iv, message, MESSAGE, sink);
}
#endif
static void run_base64(const uint8_t *text) { _olm_decode_base64(text, B64_TEXT, sink); }
static void run_base64_encode(const uint8_t *key) { _olm_encode_base64(key, 32, sink); }
/* base64.cpp's test switch (1 forces the portable path), where the build has it. */
int olm_universal_base64_force_portable(int portable) __attribute__((weak));

static const struct target targets[] = {
    {"aes-ct-enc-key", KEY, 0, run_aes_ct_enc},
    {"aes-ct-dec-ct", CIPHERTEXT, 0, run_aes_ct_dec_ct},
    {"aes-ct-dec-key", KEY, 0, run_aes_ct_dec_key},
    {"table-enc-key-warm", KEY, 0, run_table_enc},
    {"table-enc-key-flushed", KEY, 1, run_table_enc},
    {"table-dec-ct-warm", CIPHERTEXT, 0, run_table_dec},
    {"table-dec-ct-flushed", CIPHERTEXT, 1, run_table_dec},
    {"aesni-enc-key", KEY, 0, run_aesni_enc},
    {"aesni-dec-ct", CIPHERTEXT, 0, run_aesni_dec},
    {"base64-decode", BASE64, 0, run_base64},
#ifdef __wasm_simd128__
    {"aes-simd128-enc-key", KEY, 0, run_simd128_enc},
    {"aes-simd128-dec-ct", CIPHERTEXT, 0, run_simd128_dec_ct},
    {"aes-simd128-dec-key", KEY, 0, run_simd128_dec_key},
#endif
    {"base64-encode", KEY, 0, run_base64_encode},
    {"base64-decode-portable", BASE64, 0, run_base64},
    {"base64-encode-portable", KEY, 0, run_base64_encode},
};

static void make_input(enum kind kind, int random_class, const uint8_t *fixed, uint8_t *out) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if (!random_class) {
        memcpy(out, fixed, INPUT);
        return;
    }
    if (kind == BASE64) {
        for (int i = 0; i < B64_TEXT; i++) out[i] = (uint8_t)alphabet[rng_next() >> 58];
        memset(out + B64_TEXT, 0, INPUT - B64_TEXT);
    } else {
        rng_fill(out, INPUT);
    }
}

/* Welford's running mean and variance per class. */
struct welch {
    double mean[2], m2[2], n[2];
};
static void add(struct welch *w, int c, double x) {
    w->n[c]++;
    double d = x - w->mean[c];
    w->mean[c] += d / w->n[c];
    w->m2[c] += d * (x - w->mean[c]);
}
static double t_value(const struct welch *w) {
    if (w->n[0] < 2 || w->n[1] < 2) return 0;
    double v0 = w->m2[0] / (w->n[0] - 1), v1 = w->m2[1] / (w->n[1] - 1);
    double den = sqrt(v0 / w->n[0] + v1 / w->n[1]);
    return den > 0 ? (w->mean[0] - w->mean[1]) / den : 0;
}

#define PERCENTILES 100
#define TESTS       (PERCENTILES + 2)
#define BATCH       100000
#define ENOUGH      10000 /* dudect ignores a test with fewer measurements */

static int compare_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: dudect TARGET [samples] [seed]\n");
        return 2;
    }
    const struct target *target = NULL;
    for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
        if (strcmp(argv[1], targets[i].name) == 0) target = &targets[i];
    if (!target) {
        fprintf(stderr, "dudect: unknown target %s\n", argv[1]);
        return 2;
    }
    long samples = argc > 2 ? atol(argv[2]) : 1000000;
    rng_state = (argc > 3 ? strtoull(argv[3], NULL, 10) : (uint64_t)time(NULL) ^ (uint64_t)clock());
    if (target->flushed && !HAVE_FLUSH) {
        printf("%-22s skipped (no clflush on this architecture)\n", target->name);
        return 0;
    }
    if (strstr(target->name, "-portable")) {
        if (!olm_universal_base64_force_portable) {
            printf("%-22s skipped (base64.cpp built without OLM_UNIVERSAL_BASE64_TESTING)\n", target->name);
            return 0;
        }
        olm_universal_base64_force_portable(1);
    }
    if (strncmp(target->name, "aesni", 5) == 0 && !fast_cpu_has_aes_ni()) {
        printf("%-22s skipped (no AES-NI on this CPU or target)\n", target->name);
        return 0;
    }

    uint8_t fixed[INPUT];
    rng_fill(fixed_key.key, 32);
    rng_fill(iv.iv, 16);
    rng_fill(message, MESSAGE);
    make_input(target->secret, 1, NULL, fixed); /* the fixed secret: one random draw */

    uint8_t *inputs = malloc((size_t)BATCH * INPUT);
    uint8_t *classes = malloc(BATCH);
    uint64_t *times = malloc(BATCH * sizeof(uint64_t)), *sorted = malloc(BATCH * sizeof(uint64_t));
    double cut[PERCENTILES];
    struct welch tests[TESTS];
    memset(tests, 0, sizeof(tests));
    int have_cuts = 0;

    long done = 0;
    while (done < samples) {
        /* the first batch is a full one: it only sets the crop thresholds */
        long batch = !have_cuts ? BATCH : samples - done < BATCH ? samples - done : BATCH;
        for (long i = 0; i < batch; i++) {
            classes[i] = (uint8_t)(rng_next() & 1);
            make_input(target->secret, classes[i], fixed, inputs + (size_t)i * INPUT);
        }
        for (long i = 0; i < batch; i++) {
            const uint8_t *input = inputs + (size_t)i * INPUT;
            if (target->flushed) flush_tables();
            uint64_t t0 = ticks();
            target->run(input);
            uint64_t t1 = ticks();
            times[i] = t1 - t0;
        }
        if (!have_cuts) { /* the first batch sets the crop thresholds and is not counted */
            memcpy(sorted, times, (size_t)batch * sizeof(uint64_t));
            qsort(sorted, (size_t)batch, sizeof(uint64_t), compare_u64);
            for (int p = 0; p < PERCENTILES; p++) {
                double q = 1 - pow(0.5, 10.0 * (p + 1) / PERCENTILES);
                cut[p] = (double)sorted[(size_t)(q * (double)batch)];
            }
            have_cuts = 1;
            continue;
        }
        done += batch;
        for (long i = 0; i < batch; i++) {
            double x = (double)times[i];
            int c = classes[i];
            add(&tests[0], c, x);
            for (int p = 0; p < PERCENTILES; p++)
                if (x < cut[p]) add(&tests[1 + p], c, x);
            /* second order: the centred square, against the running mean of the uncropped test */
            if (tests[0].n[c] > 10000) {
                double centred = x - tests[0].mean[c];
                add(&tests[TESTS - 1], c, centred * centred);
            }
        }
    }

    double max_t = 0;
    int max_test = 0;
    for (int k = 0; k < TESTS; k++) {
        if (tests[k].n[0] + tests[k].n[1] < ENOUGH) continue;
        double t = fabs(t_value(&tests[k]));
        if (t > max_t) max_t = t, max_test = k;
    }
    if (tests[0].n[0] + tests[0].n[1] < ENOUGH) {
        printf("%-22s too few samples (%ld; at least %d)\n", target->name, samples, ENOUGH);
        return 1;
    }
    const char *which = max_test == 0 ? "all" : max_test == TESTS - 1 ? "2nd order" : "cropped";
    printf("%-22s samples %ld  max |t| %8.2f (%s)  mean ticks fixed %.0f random %.0f  %s\n", target->name, samples,
           max_t, which, tests[0].mean[0], tests[0].mean[1], max_t > 4.5 ? "LEAK" : "no leak detected");
    free(inputs);
    free(classes);
    free(times);
    free(sorted);
    return 0;
}
