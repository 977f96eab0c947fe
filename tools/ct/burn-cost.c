/* What the stack burns cost: each secret-bearing primitive of the fast core timed directly
 * (fast_crypto_*, no burn) and through the seam (_olm_crypto_*, which burns after it), rounds
 * interleaved, best round of each; then fast_stack_burn alone per depth. Run by
 * tools/ct/stack-scan.sh --cost. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fast-crypto.h"

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static uint8_t key[32] = {1, 2, 3}, message[64], out[256], in[256];
static struct _olm_aes256_key aes_key;
static struct _olm_aes256_iv aes_iv;
static struct _olm_curve25519_key_pair curve;
static struct _olm_curve25519_public_key their;
static struct _olm_ed25519_key_pair ed;

#define ROW(name, iterations, direct, seam)                                                                   \
    do {                                                                                                      \
        double best_direct = 1e30, best_seam = 1e30;                                                          \
        for (int round = 0; round < 15; round++) {                                                            \
            double t0 = now_ns();                                                                             \
            for (int i = 0; i < iterations; i++) {                                                            \
                direct;                                                                                       \
            }                                                                                                 \
            double t1 = now_ns();                                                                             \
            for (int i = 0; i < iterations; i++) {                                                            \
                seam;                                                                                         \
            }                                                                                                 \
            double t2 = now_ns();                                                                             \
            if (t1 - t0 < best_direct) best_direct = t1 - t0;                                                 \
            if (t2 - t1 < best_seam) best_seam = t2 - t1;                                                     \
        }                                                                                                     \
        printf("%-28s %10.0f %10.0f %+8.0f", name, best_direct / iterations, best_seam / iterations,          \
               (best_seam - best_direct) / iterations);                                                       \
        if (best_direct / iterations > 1) printf(" %+7.1f%%", 100 * (best_seam - best_direct) / best_direct); \
        printf("\n");                                                                                         \
    } while (0)

int main(void) {
    memcpy(aes_key.key, key, 32);
    fast_crypto_curve25519_generate_key(key, &curve);
    fast_crypto_curve25519_generate_key(message, (struct _olm_curve25519_key_pair *)out);
    memcpy(their.public_key, out + 32, 32);
    fast_crypto_ed25519_generate_key(key, &ed);
    printf("%-28s %10s %10s %8s %8s\n", "ns per call", "no burn", "burn", "cost", "");
    ROW("aes-256-cbc encrypt 48 B", 20000, fast_crypto_aes_encrypt_cbc(&aes_key, &aes_iv, in, 48, out),
        _olm_crypto_aes_encrypt_cbc(&aes_key, &aes_iv, in, 48, out));
    ROW("aes-256-cbc decrypt 48 B", 20000, fast_crypto_aes_decrypt_cbc(&aes_key, &aes_iv, in, 48, out),
        _olm_crypto_aes_decrypt_cbc(&aes_key, &aes_iv, in, 48, out));
    ROW("hmac-sha256 32 B", 20000, fast_crypto_hmac_sha256(key, 32, message, 32, out),
        _olm_crypto_hmac_sha256(key, 32, message, 32, out));
    ROW("hkdf-sha256 80 B", 20000, fast_crypto_hkdf_sha256(key, 32, NULL, 0, message, 11, out, 80),
        _olm_crypto_hkdf_sha256(key, 32, NULL, 0, message, 11, out, 80));
    ROW("x25519 keygen", 2000, fast_crypto_curve25519_generate_key(key, &curve),
        _olm_crypto_curve25519_generate_key(key, &curve));
    ROW("x25519 shared secret", 1000, fast_crypto_curve25519_shared_secret(&curve, &their, out),
        _olm_crypto_curve25519_shared_secret(&curve, &their, out));
    ROW("ed25519 keygen", 2000, fast_crypto_ed25519_generate_key(key, &ed), _olm_crypto_ed25519_generate_key(key, &ed));
    ROW("ed25519 sign 64 B", 2000, fast_crypto_ed25519_sign(&ed, message, 64, out),
        _olm_crypto_ed25519_sign(&ed, message, 64, out));
    /* WIPE_BURN_SHA_NI is WIPE_BURN_AES_NI's depth. */
    size_t depths[] = {WIPE_BURN_AES_NI, WIPE_BURN_SHA, WIPE_BURN_AES, WIPE_BURN_X25519, WIPE_BURN_ED25519};
    for (int d = 0; d < 4; d++) {
        char name[40];
        snprintf(name, sizeof(name), "fast_stack_burn(%zu)", depths[d]);
        ROW(name, 20000, __asm__ __volatile__("" ::: "memory"), fast_stack_burn(depths[d]));
    }
    return 0;
}
