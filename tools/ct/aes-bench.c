/* Speed of the constant-time AES (native/crypto/aes-ct.c) against libolm's table AES
 * (lib/crypto-algorithms/aes.c, driven as src/crypto.cpp drives it) and, natively on x86-64,
 * the fast core's AES-NI path (native/crypto/aes.c), and under emcc -msimd128 the WASM module's
 * SIMD128 AES (native/crypto/aes-simd128.c). CBC over 4 KiB messages plus the key
 * expansion per message, as libolm does per call. Prints ns/byte and, natively, TSC
 * cycles/byte; under WASM pass the native TSC GHz to convert: aes-bench [ghz].
 * Built by tools/ct/run.sh natively (cc -O3) and with emcc -O3 (run with node). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aes-ct.h"
#include "aes-simd128.h"
#include "crypto-algorithms/aes.h"
#ifdef WITH_AES_NI
#include "fast-crypto.h"
#endif
#if defined(__x86_64__)
#include <x86intrin.h>
#endif

#define MESSAGE 4096

static uint8_t plain[MESSAGE], cipher[MESSAGE + 16], out[MESSAGE + 16];
static struct _olm_aes256_key key;
static struct _olm_aes256_iv iv;

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void table_encrypt(void) {
    WORD schedule[60];
    uint8_t block[16];
    aes_key_setup(key.key, schedule, 256);
    memcpy(block, iv.iv, 16);
    for (size_t i = 0; i < MESSAGE; i += 16) {
        for (int j = 0; j < 16; j++) block[j] ^= plain[i + j];
        aes_encrypt(block, cipher + i, schedule, 256);
        memcpy(block, cipher + i, 16);
    }
}
static void table_decrypt(void) {
    WORD schedule[60];
    aes_key_setup(key.key, schedule, 256);
    for (size_t i = 0; i < MESSAGE; i += 16) {
        aes_decrypt(cipher + i, out + i, schedule, 256);
        for (int j = 0; j < 16; j++) out[i + j] ^= i ? cipher[i - 16 + j] : iv.iv[j];
    }
}
static void ct_encrypt(void) { aes_ct_encrypt_cbc(&key, &iv, plain, MESSAGE, cipher); }
static void ct_decrypt(void) { aes_ct_decrypt_cbc(&key, &iv, cipher, MESSAGE, out); }
static void ct_key(void) {
    aes_ct_schedule schedule;
    aes_ct_expand_key(key.key, &schedule);
    aes_ct_wipe_schedule(&schedule);
}
#ifdef __wasm_simd128__
static void simd_encrypt(void) { aes_simd128_encrypt_cbc(&key, &iv, plain, MESSAGE, cipher); }
static void simd_decrypt(void) { aes_simd128_decrypt_cbc(&key, &iv, cipher, MESSAGE, out); }
static void simd_key(void) {
    aes_simd128_schedule schedule;
    aes_simd128_expand_key(key.key, &schedule);
    aes_simd128_wipe_schedule(&schedule);
}
#endif
#ifdef WITH_AES_NI
static void ni_encrypt(void) { fast_crypto_aes_encrypt_cbc(&key, &iv, plain, MESSAGE, cipher); }
static void ni_decrypt(void) { fast_crypto_aes_decrypt_cbc(&key, &iv, cipher, MESSAGE, out); }
#endif

/* Best of 31 runs of `reps` calls: the machine is shared, the quietest window is the cost. */
static void measure(const char *name, void (*f)(void), int reps, size_t bytes, double ghz) {
    double best = 1e300;
    for (int run = 0; run < 31; run++) {
        double t0 = now_ns();
        for (int i = 0; i < reps; i++) f();
        double t = (now_ns() - t0) / reps;
        if (t < best) best = t;
    }
    if (bytes) printf("  %-26s %8.2f ns/B  %8.1f cycles/B\n", name, best / (double)bytes, best / (double)bytes * ghz);
    else printf("  %-26s %8.0f ns     %8.0f cycles\n", name, best, best * ghz);
}

int main(int argc, char **argv) {
    double ghz = argc > 1 ? atof(argv[1]) : 0;
#if defined(__x86_64__)
    if (!ghz) { /* TSC rate, from 100 ms of wall clock */
        double t0 = now_ns();
        unsigned long long c0 = __rdtsc();
        while (now_ns() - t0 < 1e8) {}
        ghz = (double)(__rdtsc() - c0) / (now_ns() - t0);
    }
#endif
    for (size_t i = 0; i < MESSAGE; i++) plain[i] = (uint8_t)(i * 7 + 3);
    for (int i = 0; i < 32; i++) key.key[i] = (uint8_t)(i * 13 + 1);
    for (int i = 0; i < 16; i++) iv.iv[i] = (uint8_t)i;
    printf("AES-256-CBC, %d-byte messages, key expansion per message (%s, %.2f GHz TSC)\n", MESSAGE,
#ifdef __EMSCRIPTEN__
           "wasm",
#else
           "native",
#endif
           ghz);
    measure("aes-ct encrypt", ct_encrypt, 10, MESSAGE, ghz);
    measure("aes-ct decrypt", ct_decrypt, 20, MESSAGE, ghz);
    measure("aes-ct key expansion", ct_key, 500, 0, ghz);
    measure("libolm table encrypt", table_encrypt, 10, MESSAGE, ghz);
    measure("libolm table decrypt", table_decrypt, 10, MESSAGE, ghz);
#ifdef __wasm_simd128__
    measure("aes-simd128 encrypt", simd_encrypt, 20, MESSAGE, ghz);
    measure("aes-simd128 decrypt", simd_decrypt, 20, MESSAGE, ghz);
    measure("aes-simd128 key expansion", simd_key, 500, 0, ghz);
#endif
#ifdef WITH_AES_NI
    if (fast_cpu_has_aes_ni()) {
        measure("aes-ni encrypt", ni_encrypt, 200, MESSAGE, ghz);
        measure("aes-ni decrypt", ni_decrypt, 500, MESSAGE, ghz);
    }
#endif
    return 0;
}
