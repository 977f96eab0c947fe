#define _POSIX_C_SOURCE 199309L /* util.h's clock_gettime under -std=c99 */
/* Known answers and a differential test for the constant-time AES implementations (native/crypto/
 * aes-ct.c, and aes-simd128.c where built with emcc -msimd128), each in turn:
 * FIPS-197 C.3, SP 800-38A F.2.5/F.2.6, then random keys, IVs and lengths against libolm's table
 * AES (lib/crypto-algorithms/aes.c) driven exactly as libolm's src/crypto.cpp drives it.
 * Built natively and with emcc by test/aes-ct.test.ts.
 * Usage: aes-ct-kat [iterations (default 10000)] [seed (default: time)]. Exit 0 = all passed. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aes-ct.h"
#include "aes-simd128.h"
#include "util.h"
#include "crypto-algorithms/aes.h"

/* The implementations under test: the bitsliced aes-ct.c everywhere, and the SIMD128 one
 * (aes-simd128.c) where the compiler targets it (emcc -msimd128). Wrappers give them one type. */
typedef union {
    aes_ct_schedule ct;
    aes_simd128_schedule simd;
} schedule_t;

typedef struct {
    const char *name;
    void (*expand)(const uint8_t key[32], schedule_t *schedule);
    void (*wipe)(schedule_t *schedule);
    void (*encrypt_blocks)(const schedule_t *schedule, const uint8_t *in, uint8_t *out, size_t blocks);
    void (*decrypt_blocks)(const schedule_t *schedule, const uint8_t *in, uint8_t *out, size_t blocks);
    void (*encrypt_cbc)(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv, const uint8_t *input,
                        size_t input_length, uint8_t *output);
    size_t (*decrypt_cbc)(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv, const uint8_t *input,
                          size_t input_length, uint8_t *output);
} aes_impl;

#define WRAP(prefix, field)                                                                                       \
    static void prefix##_expand(const uint8_t key[32], schedule_t *s) { prefix##_expand_key(key, &s->field); }    \
    static void prefix##_wipe(schedule_t *s) { prefix##_wipe_schedule(&s->field); }                               \
    static void prefix##_enc(const schedule_t *s, const uint8_t *in, uint8_t *out, size_t n) {                    \
        prefix##_encrypt_blocks(&s->field, in, out, n);                                                           \
    }                                                                                                             \
    static void prefix##_dec(const schedule_t *s, const uint8_t *in, uint8_t *out, size_t n) {                    \
        prefix##_decrypt_blocks(&s->field, in, out, n);                                                           \
    }                                                                                                             \
    static const aes_impl prefix##_impl = {#prefix,      prefix##_expand,      prefix##_wipe,       prefix##_enc, \
                                           prefix##_dec, prefix##_encrypt_cbc, prefix##_decrypt_cbc};
WRAP(aes_ct, ct)
#ifdef __wasm_simd128__
WRAP(aes_simd128, simd)
#endif

static const aes_impl *impl;

static void check(int ok, const char *what) {
    printf("%-12s %-44s %s\n", impl->name, what, ok ? "ok" : "FAILED");
    if (!ok) failures++;
}

static void known_answers(void) {
    schedule_t schedule;
    uint8_t key[32], plain[64], cipher[64], iv[16], out[80], chain[16];

    /* FIPS-197 Appendix C.3 */
    unhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", key);
    unhex("00112233445566778899aabbccddeeff", plain);
    unhex("8ea2b7ca516745bfeafc49904b496089", cipher);
    impl->expand(key, &schedule);
    impl->encrypt_blocks(&schedule, plain, out, 1);
    check(memcmp(out, cipher, 16) == 0, "FIPS-197 C.3 encrypt");
    impl->decrypt_blocks(&schedule, cipher, out, 1);
    check(memcmp(out, plain, 16) == 0, "FIPS-197 C.3 decrypt");
    /* The same block in every slot, and in the last slot only. */
    uint8_t four[64];
    for (int s = 0; s < 4; s++) memcpy(four + 16 * s, plain, 16);
    impl->encrypt_blocks(&schedule, four, four, 4);
    int same = 1;
    for (int s = 0; s < 4; s++) same &= memcmp(four + 16 * s, cipher, 16) == 0;
    impl->decrypt_blocks(&schedule, four, four, 4);
    for (int s = 0; s < 4; s++) same &= memcmp(four + 16 * s, plain, 16) == 0;
    check(same, "FIPS-197 C.3 in all four slots");

    /* SP 800-38A F.2.5 (CBC-AES256.Encrypt) and F.2.6 (CBC-AES256.Decrypt) */
    unhex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", key);
    unhex("000102030405060708090a0b0c0d0e0f", iv);
    unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
          "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
          plain);
    unhex("f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
          "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b",
          cipher);
    impl->expand(key, &schedule);
    memcpy(chain, iv, 16);
    for (int b = 0; b < 4; b++) {
        for (int i = 0; i < 16; i++) chain[i] ^= plain[16 * b + i];
        impl->encrypt_blocks(&schedule, chain, chain, 1);
        memcpy(out + 16 * b, chain, 16);
    }
    check(memcmp(out, cipher, 64) == 0, "SP 800-38A F.2.5 CBC-AES256 encrypt (blocks)");
    impl->decrypt_blocks(&schedule, cipher, out, 4);
    for (int b = 0; b < 4; b++)
        for (int i = 0; i < 16; i++) out[16 * b + i] ^= b ? cipher[16 * (b - 1) + i] : iv[i];
    check(memcmp(out, plain, 64) == 0, "SP 800-38A F.2.6 CBC-AES256 decrypt (blocks)");

    struct _olm_aes256_key olm_key;
    struct _olm_aes256_iv olm_iv;
    memcpy(olm_key.key, key, 32);
    memcpy(olm_iv.iv, iv, 16);
    check(aes_ct_encrypt_cbc_length(64) == 80, "CBC length of 64 bytes is 80");
    impl->encrypt_cbc(&olm_key, &olm_iv, plain, 64, out);
    check(memcmp(out, cipher, 64) == 0, "SP 800-38A F.2.5 via *_encrypt_cbc");
    /* The plaintext's last byte is 0x10: libolm's unpadding strips 16 bytes. */
    size_t length = impl->decrypt_cbc(&olm_key, &olm_iv, cipher, 64, out);
    check(memcmp(out, plain, 64) == 0 && length == 48, "SP 800-38A F.2.6 via *_decrypt_cbc");
    memcpy(out, cipher, 64);
    impl->decrypt_cbc(&olm_key, &olm_iv, out, 64, out);
    check(memcmp(out, plain, 64) == 0, "SP 800-38A F.2.6 in place");

    /* Lengths libolm mishandles are refused without a write. */
    memset(out, 0xAA, sizeof(out));
    int untouched = impl->decrypt_cbc(&olm_key, &olm_iv, cipher, 0, out) == (size_t)-1 &&
                    impl->decrypt_cbc(&olm_key, &olm_iv, cipher, 15, out) == (size_t)-1 &&
                    impl->decrypt_cbc(&olm_key, &olm_iv, cipher, 33, out) == (size_t)-1;
    for (size_t i = 0; i < sizeof(out); i++) untouched &= out[i] == 0xAA;
    check(untouched, "empty or part-block ciphertext: -1, no write");
    impl->wipe(&schedule);
}

/* xoshiro256** seeded by splitmix64; one state for the whole run. */
/* libolm's src/crypto.cpp over its table AES, line for line (whole-block decrypt only). */
static void reference_encrypt(const uint8_t key[32], const uint8_t iv[16], const uint8_t *input, size_t input_length,
                              uint8_t *output) {
    WORD schedule[60];
    uint8_t block[16];
    aes_key_setup(key, schedule, 256);
    memcpy(block, iv, 16);
    while (input_length >= 16) {
        for (int i = 0; i < 16; i++) block[i] ^= input[i];
        aes_encrypt(block, output, schedule, 256);
        memcpy(block, output, 16);
        input += 16;
        output += 16;
        input_length -= 16;
    }
    size_t i = 0;
    for (; i < input_length; ++i) block[i] ^= input[i];
    for (; i < 16; ++i) block[i] ^= (uint8_t)(16 - input_length);
    aes_encrypt(block, output, schedule, 256);
}

static size_t reference_decrypt(const uint8_t key[32], const uint8_t iv[16], const uint8_t *input, size_t input_length,
                                uint8_t *output) {
    WORD schedule[60];
    uint8_t block1[16], block2[16];
    aes_key_setup(key, schedule, 256);
    memcpy(block1, iv, 16);
    for (size_t i = 0; i < input_length; i += 16) {
        memcpy(block2, &input[i], 16);
        aes_decrypt(&input[i], &output[i], schedule, 256);
        for (int j = 0; j < 16; j++) output[i + j] ^= block1[j];
        memcpy(block1, block2, 16);
    }
    size_t padding = output[input_length - 1];
    return padding > input_length ? (size_t)-1 : input_length - padding;
}

static int compare_keys(const void *a, const void *b) { return memcmp(a, b, 32); }

#define MAX_PLAIN 300

static void differential(long iterations, uint64_t seed_value) {
    uint8_t(*keys)[32] = malloc((size_t)iterations * 32);
    long encrypt_differ = 0, decrypt_differ = 0, random_differ = 0, blocks_differ = 0, rejected = 0, lengths[16] = {0};
    rng_state = seed_value;
    for (long n = 0; n < iterations; n++) {
        struct _olm_aes256_key key;
        struct _olm_aes256_iv iv;
        uint8_t plain[MAX_PLAIN], ours[MAX_PLAIN + 16], theirs[MAX_PLAIN + 16];
        uint8_t back[MAX_PLAIN + 16], back_ref[MAX_PLAIN + 16], in_place[MAX_PLAIN + 16];
        rng_fill(key.key, 32);
        rng_fill(iv.iv, 16);
        memcpy(keys[n], key.key, 32);
        size_t length = (size_t)(rng_next() % (MAX_PLAIN + 1));
        lengths[length % 16]++;
        rng_fill(plain, length);

        size_t cipher_length = aes_ct_encrypt_cbc_length(length);
        impl->encrypt_cbc(&key, &iv, plain, length, ours);
        reference_encrypt(key.key, iv.iv, plain, length, theirs);
        if (memcmp(ours, theirs, cipher_length) != 0) encrypt_differ++;

        size_t got = impl->decrypt_cbc(&key, &iv, theirs, cipher_length, back);
        size_t want = reference_decrypt(key.key, iv.iv, theirs, cipher_length, back_ref);
        memcpy(in_place, theirs, cipher_length);
        size_t got_in_place = impl->decrypt_cbc(&key, &iv, in_place, cipher_length, in_place);
        if (got != want || got != length || got_in_place != length || memcmp(back, back_ref, cipher_length) != 0 ||
            memcmp(back, plain, length) != 0 || memcmp(in_place, back, cipher_length) != 0)
            decrypt_differ++;

        /* Random ciphertext: random padding byte, often more than the length (-1). */
        size_t blocks = 1 + (size_t)(rng_next() % (MAX_PLAIN / 16));
        rng_fill(ours, 16 * blocks);
        got = impl->decrypt_cbc(&key, &iv, ours, 16 * blocks, back);
        want = reference_decrypt(key.key, iv.iv, ours, 16 * blocks, back_ref);
        if (got == (size_t)-1) rejected++;
        if (got != want || memcmp(back, back_ref, 16 * blocks) != 0) random_differ++;

        /* The block functions with 1..4 slots filled, against the table AES block by block. */
        schedule_t schedule;
        WORD table_schedule[60];
        size_t slots = 1 + (size_t)(rng_next() % 4);
        rng_fill(plain, 64);
        impl->expand(key.key, &schedule);
        aes_key_setup(key.key, table_schedule, 256);
        impl->encrypt_blocks(&schedule, plain, ours, slots);
        impl->decrypt_blocks(&schedule, plain, back, slots);
        for (size_t b = 0; b < slots; b++) {
            aes_encrypt(plain + 16 * b, theirs + 16 * b, table_schedule, 256);
            aes_decrypt(plain + 16 * b, back_ref + 16 * b, table_schedule, 256);
        }
        if (memcmp(ours, theirs, 16 * slots) != 0 || memcmp(back, back_ref, 16 * slots) != 0) blocks_differ++;
        impl->wipe(&schedule);
    }
    qsort(keys, (size_t)iterations, 32, compare_keys);
    long distinct = iterations > 0;
    for (long n = 1; n < iterations; n++) distinct += memcmp(keys[n - 1], keys[n], 32) != 0;
    free(keys);
    long min_residue = lengths[0];
    for (int r = 1; r < 16; r++)
        if (lengths[r] < min_residue) min_residue = lengths[r];
    printf("%s differential vs libolm table AES: %ld iterations, seed %" PRIu64 ", %ld distinct keys, "
           "every length mod 16 at least %ld times\n",
           impl->name, iterations, seed_value, distinct, min_residue);
    printf("  encrypt (lengths 0..%d) %s (%ld differ)\n", MAX_PLAIN, encrypt_differ ? "DIFFER" : "same",
           encrypt_differ);
    printf("  decrypt round trip, in place too %s (%ld differ)\n", decrypt_differ ? "DIFFER" : "same", decrypt_differ);
    printf("  decrypt random ciphertext %s (%ld differ, %ld of them -1 as libolm)\n", random_differ ? "DIFFER" : "same",
           random_differ, rejected);
    printf("  block functions, 1..4 slots, encrypt and decrypt %s (%ld differ)\n", blocks_differ ? "DIFFER" : "same",
           blocks_differ);
    if (encrypt_differ || decrypt_differ || random_differ || blocks_differ || distinct != iterations ||
        min_residue == 0)
        failures++;
}

int main(int argc, char **argv) {
    long iterations = argc > 1 ? atol(argv[1]) : 10000;
    uint64_t seed_value = argc > 2 ? strtoull(argv[2], NULL, 10) : (uint64_t)time(NULL);
    const aes_impl *impls[] = {
        &aes_ct_impl,
#ifdef __wasm_simd128__
        &aes_simd128_impl,
#endif
    };
    for (size_t i = 0; i < sizeof(impls) / sizeof(impls[0]); i++) {
        impl = impls[i];
        known_answers();
        differential(iterations, seed_value);
    }
    if (failures) {
        printf("%d FAILED\n", failures);
        return 1;
    }
    printf("tested: %s%s\n", aes_ct_impl.name, sizeof(impls) > sizeof(impls[0]) ? ", aes_simd128" : "");
    printf("aes-ct: all known-answer and differential tests passed\n");
    return 0;
}
