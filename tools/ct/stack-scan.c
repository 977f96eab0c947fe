/* Stack scan: what secrets a call leaves on the stack after it returns (issue 14, "wipes that
 * hold"). Each case runs one secret-bearing call on a stack of its own (ucontext), painted with a
 * pattern first; when the call has returned, the whole stack is searched for every 8-byte window
 * of the secrets the call handled, in every form we can compute: the key, its clamped form, AES
 * round keys (FIPS-197 reference, their InvMixColumns form, aes-ct's bitsliced schedule), HMAC
 * pad midstates (plain and SHA-NI order), HKDF's PRK, X25519 shared secrets and their radix-2^51
 * limbs, Ed25519 expanded keys and nonces, and what libolm derives from them (PK / Megolm / Olm
 * keys). Primitives are called directly (fast core; with AES-NI/SHA-NI and forced portable), libolm
 * through its API.
 * Output: one row per case: "<case> <stack bytes used> <hits> [form:hits ...]", then a total.
 * Then the heap side of free() (the addon calls libolm's olm_clear_* before free()): every object
 * the cases used is cleared and must then equal a fresh object of its kind, cleared (olm_clear_*
 * wipes, then constructs an empty object in place), and olm_clear_* must report its whole size.
 * Exit code 1 when any hit or non-zero byte is found. Built by tools/ct/stack-scan.sh (fast core, or -DSTOCK_CORE
 * for the WASM build's sources compiled natively). */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "olm/base64.h"
#include "olm/olm.h"
#include "olm/pk.h"
#include "olm/sas.h"
#include "olm/inbound_group_session.h"
#include "olm/outbound_group_session.h"
#include "../../native/ops/ops.h"
#include "aes-ct.h"
#ifndef STOCK_CORE
#include "fast-crypto.h"
#endif

/* Reference primitives for computing the forms: the fast core's (checked against libolm's by
 * crypto-diff), or libolm's own in the stock build. */
#ifdef STOCK_CORE
#define HKDF _olm_crypto_hkdf_sha256
#define HMAC _olm_crypto_hmac_sha256
#else
#define HKDF fast_crypto_hkdf_sha256
#define HMAC fast_crypto_hmac_sha256
#endif
int sha512(const unsigned char *message, size_t message_len, unsigned char *out); /* libolm's ed25519 */
void sc_reduce(unsigned char *s);

#define STACK_SIZE  (256 * 1024)
#define PAINT       0xA5
#define MAX_WINDOWS 65536

static uint8_t *stack_memory;
static ucontext_t main_context, run_context;
static void (*current_case)(void);

/* ---------------------------------------------------------------- forms and windows */

#define MAX_FORMS 48
static struct form {
    char name[40];
    size_t hits;
} forms[MAX_FORMS];
static int form_count;
static struct window {
    uint64_t value;
    int form;
} windows[MAX_WINDOWS];
static size_t window_count;

/* A window worth searching: not mostly zero or mostly ones bits (a chance match in the stack's
 * ordinary contents), not the paint. */
static int searchable(uint64_t v) {
    int bits = __builtin_popcountll(v);
    return bits >= 12 && bits <= 52 && v != 0xA5A5A5A5A5A5A5A5ULL;
}

static void add_form(const char *name, const void *bytes, size_t length) {
    const uint8_t *p = bytes;
    if (form_count == MAX_FORMS) abort();
    snprintf(forms[form_count].name, sizeof(forms[0].name), "%s", name);
    forms[form_count].hits = 0;
    for (size_t i = 0; i + 8 <= length; i++) {
        uint64_t v;
        memcpy(&v, p + i, 8);
        if (!searchable(v)) continue;
        if (window_count == MAX_WINDOWS) abort();
        windows[window_count].value = v;
        windows[window_count].form = form_count;
        window_count++;
    }
    form_count++;
}

static int compare_windows(const void *a, const void *b) {
    uint64_t x = ((const struct window *)a)->value, y = ((const struct window *)b)->value;
    return x < y ? -1 : x > y;
}

/* ---------------------------------------------------------------- reference computations */

/* clang-format off */
static const uint8_t SBOX[256] = {
    0x63,0x7c,0x77,0x7b,0xf2,0x6b,0x6f,0xc5,0x30,0x01,0x67,0x2b,0xfe,0xd7,0xab,0x76,0xca,0x82,0xc9,0x7d,0xfa,0x59,0x47,0xf0,0xad,0xd4,0xa2,0xaf,0x9c,0xa4,0x72,0xc0,
    0xb7,0xfd,0x93,0x26,0x36,0x3f,0xf7,0xcc,0x34,0xa5,0xe5,0xf1,0x71,0xd8,0x31,0x15,0x04,0xc7,0x23,0xc3,0x18,0x96,0x05,0x9a,0x07,0x12,0x80,0xe2,0xeb,0x27,0xb2,0x75,
    0x09,0x83,0x2c,0x1a,0x1b,0x6e,0x5a,0xa0,0x52,0x3b,0xd6,0xb3,0x29,0xe3,0x2f,0x84,0x53,0xd1,0x00,0xed,0x20,0xfc,0xb1,0x5b,0x6a,0xcb,0xbe,0x39,0x4a,0x4c,0x58,0xcf,
    0xd0,0xef,0xaa,0xfb,0x43,0x4d,0x33,0x85,0x45,0xf9,0x02,0x7f,0x50,0x3c,0x9f,0xa8,0x51,0xa3,0x40,0x8f,0x92,0x9d,0x38,0xf5,0xbc,0xb6,0xda,0x21,0x10,0xff,0xf3,0xd2,
    0xcd,0x0c,0x13,0xec,0x5f,0x97,0x44,0x17,0xc4,0xa7,0x7e,0x3d,0x64,0x5d,0x19,0x73,0x60,0x81,0x4f,0xdc,0x22,0x2a,0x90,0x88,0x46,0xee,0xb8,0x14,0xde,0x5e,0x0b,0xdb,
    0xe0,0x32,0x3a,0x0a,0x49,0x06,0x24,0x5c,0xc2,0xd3,0xac,0x62,0x91,0x95,0xe4,0x79,0xe7,0xc8,0x37,0x6d,0x8d,0xd5,0x4e,0xa9,0x6c,0x56,0xf4,0xea,0x65,0x7a,0xae,0x08,
    0xba,0x78,0x25,0x2e,0x1c,0xa6,0xb4,0xc6,0xe8,0xdd,0x74,0x1f,0x4b,0xbd,0x8b,0x8a,0x70,0x3e,0xb5,0x66,0x48,0x03,0xf6,0x0e,0x61,0x35,0x57,0xb9,0x86,0xc1,0x1d,0x9e,
    0xe1,0xf8,0x98,0x11,0x69,0xd9,0x8e,0x94,0x9b,0x1e,0x87,0xe9,0xce,0x55,0x28,0xdf,0x8c,0xa1,0x89,0x0d,0xbf,0xe6,0x42,0x68,0x41,0x99,0x2d,0x0f,0xb0,0x54,0xbb,0x16};
/* clang-format on */

/* FIPS-197 AES-256 key expansion: 15 round keys, bytes in state order. */
static void aes256_round_keys(const uint8_t key[32], uint8_t rk[240]) {
    uint8_t rcon = 1;
    memcpy(rk, key, 32);
    for (int i = 8; i < 60; i++) {
        uint8_t t[4];
        memcpy(t, rk + 4 * (i - 1), 4);
        if (i % 8 == 0) {
            uint8_t t0 = t[0];
            t[0] = SBOX[t[1]] ^ rcon;
            t[1] = SBOX[t[2]];
            t[2] = SBOX[t[3]];
            t[3] = SBOX[t0];
            rcon = (uint8_t)(rcon << 1 ^ (rcon & 0x80 ? 0x1b : 0));
        } else if (i % 8 == 4) {
            for (int j = 0; j < 4; j++) t[j] = SBOX[t[j]];
        }
        for (int j = 0; j < 4; j++) rk[4 * i + j] = rk[4 * (i - 8) + j] ^ t[j];
    }
}

static uint8_t gmul(uint8_t a, uint8_t b) {
    uint8_t r = 0;
    while (b) {
        if (b & 1) r ^= a;
        a = (uint8_t)(a << 1 ^ (a & 0x80 ? 0x1b : 0));
        b >>= 1;
    }
    return r;
}

/* The equivalent inverse cipher's middle round keys (InvMixColumns of rounds 1..13, aesimc). */
static void aes256_inverse_round_keys(const uint8_t rk[240], uint8_t dk[13 * 16]) {
    for (int r = 1; r < 14; r++)
        for (int c = 0; c < 4; c++) {
            const uint8_t *a = rk + 16 * r + 4 * c;
            uint8_t *o = dk + 16 * (r - 1) + 4 * c;
            for (int i = 0; i < 4; i++)
                o[i] = gmul(a[i], 14) ^ gmul(a[(i + 1) % 4], 11) ^ gmul(a[(i + 2) % 4], 13) ^ gmul(a[(i + 3) % 4], 9);
        }
}

/* clang-format off */
static const uint32_t K256[64] = {
    0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,
    0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,
    0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,
    0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2};
/* clang-format on */
#define ROR(x, n) ((x) >> (n) | (x) << (32 - (n)))

/* SHA-256 state after one block (the HMAC pad midstate): h[8] in natural order. */
static void sha256_midstate(const uint8_t block[64], uint32_t h[8]) {
    static const uint32_t IV[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    uint32_t w[64], s[8];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 | (uint32_t)block[4 * i + 2] << 8 |
               block[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ w[i - 15] >> 3,
                 s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ w[i - 2] >> 10;
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    memcpy(s, IV, sizeof(s));
    for (int i = 0; i < 64; i++) {
        uint32_t t1 =
            s[7] + (ROR(s[4], 6) ^ ROR(s[4], 11) ^ ROR(s[4], 25)) + ((s[4] & s[5]) ^ (~s[4] & s[6])) + K256[i] + w[i];
        uint32_t t2 = (ROR(s[0], 2) ^ ROR(s[0], 13) ^ ROR(s[0], 22)) + ((s[0] & s[1]) ^ (s[0] & s[2]) ^ (s[1] & s[2]));
        memmove(s + 1, s, 7 * sizeof(uint32_t));
        s[4] += t1;
        s[0] = t1 + t2;
    }
    for (int i = 0; i < 8; i++) h[i] = IV[i] + s[i];
}

/* HMAC-SHA-256 key forms: the key block xor each pad, and both midstates in memory order and in
 * the SHA-NI register order (ABEF, CDGH as little-endian lanes: F E B A, H G D C). */
static void add_hmac_forms(const char *name, const uint8_t *key, size_t key_length) {
    uint8_t block[64] = {0}, pad[64];
    char label[40];
    if (key_length > 64) abort();
    memcpy(block, key, key_length);
    for (int p = 0; p < 2; p++) {
        uint32_t h[8], ni[8];
        for (int i = 0; i < 64; i++) pad[i] = block[i] ^ (p ? 0x5c : 0x36);
        sha256_midstate(pad, h);
        snprintf(label, sizeof(label), "%s-%s", name, p ? "opad" : "ipad");
        add_form(label, pad, 64);
        snprintf(label, sizeof(label), "%s-%s-mid", name, p ? "opad" : "ipad");
        add_form(label, h, sizeof(h));
        const uint32_t order[8] = {h[5], h[4], h[1], h[0], h[7], h[6], h[3], h[2]};
        memcpy(ni, order, sizeof(ni));
        snprintf(label, sizeof(label), "%s-%s-mid-ni", name, p ? "opad" : "ipad");
        add_form(label, ni, sizeof(ni));
    }
}

static void add_aes_forms(const char *name, const uint8_t key[32]) {
    uint8_t rk[240], dk[13 * 16];
    aes_ct_schedule schedule;
    char label[40];
    aes256_round_keys(key, rk);
    aes256_inverse_round_keys(rk, dk);
    aes_ct_expand_key(key, &schedule);
    snprintf(label, sizeof(label), "%s", name);
    add_form(label, key, 32);
    snprintf(label, sizeof(label), "%s-round-keys", name);
    add_form(label, rk + 32, sizeof(rk) - 32);
    snprintf(label, sizeof(label), "%s-inv-round-keys", name);
    add_form(label, dk, sizeof(dk));
    snprintf(label, sizeof(label), "%s-bitsliced", name);
    add_form(label, &schedule, sizeof(schedule));
}

static void clamp(uint8_t out[32], const uint8_t in[32]) {
    memcpy(out, in, 32);
    out[0] &= 248;
    out[31] &= 127;
    out[31] |= 64;
}

/* An X25519 scalar, its clamped form, and its radix-2^51 / 2^25.5 limbs are not searched (the
 * ladder never loads the scalar as limbs); field elements are: the shared secret's limbs. */
static void add_x25519_private(const char *name, const uint8_t priv[32]) {
    uint8_t clamped[32];
    char label[40];
    add_form(name, priv, 32);
    clamp(clamped, priv);
    snprintf(label, sizeof(label), "%s-clamped", name);
    add_form(label, clamped, 32);
}

static void add_field_element(const char *name, const uint8_t bytes[32]) {
    uint64_t limbs[5];
    uint64_t lo, hi;
    char label[40];
    add_form(name, bytes, 32);
    /* 64-bit donna: five 51-bit limbs. */
    for (int i = 0; i < 5; i++) {
        int bit = 51 * i, byte = bit / 8, shift = bit % 8;
        lo = 0;
        for (int j = 0; j < 8 && byte + j < 32; j++) lo |= (uint64_t)bytes[byte + j] << (8 * j);
        hi = byte + 8 < 32 ? bytes[byte + 8] : 0;
        limbs[i] = (lo >> shift | (shift ? hi << (64 - shift) : 0)) & ((1ULL << 51) - 1);
    }
    snprintf(label, sizeof(label), "%s-limbs51", name);
    add_form(label, limbs, sizeof(limbs));
}

static void x25519(uint8_t out[32], const uint8_t priv[32], const uint8_t pub[32]) {
    struct _olm_curve25519_key_pair pair;
    struct _olm_curve25519_public_key their;
    memcpy(pair.private_key.private_key, priv, 32);
    memcpy(their.public_key, pub, 32);
    _olm_crypto_curve25519_shared_secret(&pair, &their, out);
}

static void x25519_public(uint8_t pub[32], const uint8_t priv[32]) {
    struct _olm_curve25519_key_pair pair;
    _olm_crypto_curve25519_generate_key(priv, &pair);
    memcpy(pub, pair.public_key.public_key, 32);
}

/* Ed25519 from a 32-byte seed: SHA-512 of it, the clamped scalar half and the nonce prefix. */
static void add_ed25519_forms(const char *name, const uint8_t seed[32], uint8_t expanded[64]) {
    char label[40];
    sha512(seed, 32, expanded);
    expanded[0] &= 248;
    expanded[31] &= 63;
    expanded[31] |= 64;
    snprintf(label, sizeof(label), "%s-seed", name);
    add_form(label, seed, 32);
    snprintf(label, sizeof(label), "%s-scalar", name);
    add_form(label, expanded, 32);
    snprintf(label, sizeof(label), "%s-prefix", name);
    add_form(label, expanded + 32, 32);
}

/* The signing nonce r = SHA-512(prefix | message) mod L, and the hash before the reduction. */
static void add_nonce_forms(const char *name, const uint8_t expanded[64], const uint8_t *message, size_t length) {
    uint8_t *buffer = malloc(32 + length), nonce[64];
    char label[40];
    memcpy(buffer, expanded + 32, 32);
    memcpy(buffer + 32, message, length);
    sha512(buffer, 32 + length, nonce);
    free(buffer);
    snprintf(label, sizeof(label), "%s-nonce64", name);
    add_form(label, nonce, 64);
    sc_reduce(nonce);
    snprintf(label, sizeof(label), "%s-nonce", name);
    add_form(label, nonce, 32);
}

/* HKDF as libolm's cipher derives AES key, MAC key and IV (and the PRK, all its forms). */
static void add_hkdf_forms(const char *name, const uint8_t *input, size_t input_length, const char *info,
                           size_t output_length) {
    static const uint8_t zero_salt[32];
    uint8_t prk[32], output[256];
    char label[40];
    HMAC(zero_salt, 32, input, input_length, prk);
    snprintf(label, sizeof(label), "%s-prk", name);
    add_form(label, prk, 32);
    add_hmac_forms(label, prk, 32);
    HKDF(input, input_length, NULL, 0, (const uint8_t *)info, strlen(info), output, output_length);
    snprintf(label, sizeof(label), "%s-okm", name);
    add_form(label, output, output_length);
    if (output_length == 80) { /* AES key, MAC key, IV: the AES key's schedules and the MAC key's pads */
        snprintf(label, sizeof(label), "%s-aes", name);
        add_aes_forms(label, output);
        snprintf(label, sizeof(label), "%s-mac", name);
        add_hmac_forms(label, output + 32, 32);
    }
}

/* ---------------------------------------------------------------- running and scanning */

static void trampoline(void) { current_case(); }

/* Runs `fn` on the painted stack and counts the windows found there afterwards. */
static size_t run_case(const char *name, void (*fn)(void)) {
    memset(stack_memory, PAINT, STACK_SIZE);
    qsort(windows, window_count, sizeof(windows[0]), compare_windows);
    current_case = fn;
    getcontext(&run_context);
    run_context.uc_stack.ss_sp = stack_memory;
    run_context.uc_stack.ss_size = STACK_SIZE;
    run_context.uc_link = &main_context;
    makecontext(&run_context, trampoline, 0);
    swapcontext(&main_context, &run_context);

    size_t used = 0, hits = 0;
    for (size_t i = 0; i < STACK_SIZE; i++)
        if (stack_memory[i] != PAINT) {
            used = STACK_SIZE - i;
            break;
        }
    for (size_t i = 0; i + 8 <= STACK_SIZE; i++) {
        uint64_t v;
        memcpy(&v, stack_memory + i, 8);
        size_t lo = 0, hi = window_count;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (windows[mid].value < v) lo = mid + 1;
            else hi = mid;
        }
        int counted = 0;
        for (; lo < window_count && windows[lo].value == v; lo++) {
            forms[windows[lo].form].hits++;
            counted = 1;
        }
        hits += counted;
    }
    printf("%-34s %7zu %5zu", name, used, hits);
    for (int f = 0; f < form_count; f++)
        if (forms[f].hits) printf(" %s:%zu", forms[f].name, forms[f].hits);
    printf("\n");
    form_count = 0;
    window_count = 0;
    return hits;
}

/* ---------------------------------------------------------------- the cases */

static uint8_t key32[32], iv16[16], data[256], out[512], secret2[32], seed[32], message[64];
static struct _olm_aes256_key aes_key;
static struct _olm_aes256_iv aes_iv;
static struct _olm_curve25519_key_pair curve_pair;
static struct _olm_curve25519_public_key their_public;
static struct _olm_ed25519_key_pair ed_pair;

static void fill(uint8_t *p, size_t n, uint32_t seed_value) {
    uint64_t x = 0x9e3779b97f4a7c15ULL * (seed_value + 1);
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        p[i] = (uint8_t)(x >> 24);
    }
}

static void case_aes_encrypt(void) { _olm_crypto_aes_encrypt_cbc(&aes_key, &aes_iv, data, 100, out); }
static void case_aes_decrypt(void) { _olm_crypto_aes_decrypt_cbc(&aes_key, &aes_iv, out, 112, data); }
static void case_x25519_keygen(void) { _olm_crypto_curve25519_generate_key(key32, &curve_pair); }
static void case_x25519_shared(void) { _olm_crypto_curve25519_shared_secret(&curve_pair, &their_public, out); }
static void case_ed25519_keygen(void) { _olm_crypto_ed25519_generate_key(seed, &ed_pair); }
static void case_ed25519_sign(void) { _olm_crypto_ed25519_sign(&ed_pair, message, sizeof(message), out); }
static void case_hmac(void) { _olm_crypto_hmac_sha256(key32, 32, message, sizeof(message), out); }
static void case_hkdf(void) { _olm_crypto_hkdf_sha256(key32, 32, NULL, 0, (const uint8_t *)"info", 4, out, 80); }

static void primitive_cases(const char *suffix, size_t *total) {
    char name[64];
#define RUN(label, fn) (snprintf(name, sizeof(name), "%s%s", label, suffix), *total += run_case(name, fn))
    fill(key32, 32, 1);
    fill(iv16, 16, 2);
    fill(data, sizeof(data), 3);
    memcpy(aes_key.key, key32, 32);
    memcpy(aes_iv.iv, iv16, 16);
    add_aes_forms("key", key32);
    RUN("aes-256-cbc encrypt", case_aes_encrypt);
    add_aes_forms("key", key32);
    RUN("aes-256-cbc decrypt", case_aes_decrypt);

    add_x25519_private("priv", key32);
    RUN("x25519 keygen", case_x25519_keygen);
    fill(secret2, 32, 4);
    x25519_public(their_public.public_key, secret2);
    x25519(out + 256, key32, their_public.public_key);
    add_x25519_private("priv", key32);
    add_field_element("shared", out + 256);
    RUN("x25519 shared secret", case_x25519_shared);

    uint8_t expanded[64];
    fill(seed, 32, 5);
    fill(message, sizeof(message), 6);
    add_ed25519_forms("ed", seed, expanded);
    RUN("ed25519 keygen", case_ed25519_keygen);
    add_ed25519_forms("ed", seed, expanded);
    add_nonce_forms("ed", expanded, message, sizeof(message));
    RUN("ed25519 sign", case_ed25519_sign);

    add_form("key", key32, 32);
    add_hmac_forms("key", key32, 32);
    RUN("hmac-sha256", case_hmac);
    add_form("ikm", key32, 32);
    add_hmac_forms("ikm", key32, 32);
    add_hkdf_forms("hkdf", key32, 32, "info", 80);
    RUN("hkdf-sha256", case_hkdf);
#undef RUN
}

/* libolm through its API: objects are made on the main stack, the call under test on the scanned
 * one. */
static OlmPkDecryption *pk_decryption;
static OlmPkEncryption *pk_encryption;
static OlmAccount *account, *bob;
static OlmSession *session;
static OlmOutboundGroupSession *outbound;
static OlmInboundGroupSession *inbound;
static OlmSAS *sas;
static uint8_t random_bytes[256], pk_public[64], ephemeral[64], mac[64], ciphertext[512], ciphertext_copy[512];
static size_t ciphertext_length, result;
static char identity_json[256], one_time_json[256];

static void case_pk_from_private(void) {
    result = olm_pk_key_from_private(pk_decryption, pk_public, sizeof(pk_public), key32, 32);
}
static void case_pk_encrypt(void) {
    result = olm_pk_encrypt(pk_encryption, message, sizeof(message), ciphertext, sizeof(ciphertext), mac, sizeof(mac),
                            ephemeral, sizeof(ephemeral), random_bytes, 32);
}
static void case_pk_decrypt(void) {
    result =
        olm_pk_decrypt(pk_decryption, ephemeral, 43, mac, 11, ciphertext_copy, ciphertext_length, out, sizeof(out));
}
static void case_create_account(void) { result = olm_create_account(account, random_bytes, 64); }
static void case_account_sign(void) { result = olm_account_sign(account, message, sizeof(message), out, sizeof(out)); }
static void case_outbound_session(void) {
    result = olm_create_outbound_session(session, account, identity_json, 43, one_time_json, 43, random_bytes, 64);
}
static void case_olm_encrypt(void) {
    result = olm_encrypt(session, message, sizeof(message), random_bytes, 0, out, sizeof(out));
}
static void case_megolm_init(void) { result = olm_init_outbound_group_session(outbound, random_bytes, 160); }
static void case_megolm_encrypt(void) {
    result = olm_group_encrypt(outbound, message, sizeof(message), ciphertext, sizeof(ciphertext));
}
static void case_megolm_decrypt(void) {
    uint32_t index;
    result = olm_group_decrypt(inbound, ciphertext_copy, ciphertext_length, out, sizeof(out), &index);
}
static void case_sas_mac(void) {
    result = olm_sas_calculate_mac(sas, message, sizeof(message), "info", 4, out, sizeof(out));
}
/* The same calls through the operations layer (native/ops), whose one burn per operation
 * replaces the primitives' own (wipe.h, fast_burn_deferred). */
static int op_result;
static void case_op_pk_decrypt(void) {
    op_result =
        olm_op_pk_decrypt(pk_decryption, ephemeral, 43, mac, 11, ciphertext_copy, ciphertext_length, out, sizeof(out));
}
static void case_op_account_sign(void) {
    op_result = olm_op_account_sign(account, message, sizeof(message), out, sizeof(out));
}
static void case_op_megolm_decrypt(void) {
    uint32_t index;
    op_result = olm_op_group_decrypt(inbound, ciphertext_copy, ciphertext_length, out, sizeof(out), &index);
}
static void case_op_sas_mac(void) {
    op_result = olm_op_sas_calculate_mac(sas, message, sizeof(message), "info", 4, out, sizeof(out));
}

static void check(int ok, const char *what) {
    if (!ok) {
        fprintf(stderr, "stack-scan: %s failed\n", what);
        exit(2);
    }
}

static void base64(const uint8_t *in, size_t length, char *text) {
    text[_olm_encode_base64(in, length, (uint8_t *)text)] = 0;
}

static void libolm_cases(size_t *total) {
    uint8_t priv[32], shared[32], ephemeral_priv[32], ephemeral_pub[32];
    char text[64];
    pk_decryption = olm_pk_decryption(malloc(olm_pk_decryption_size()));
    pk_encryption = olm_pk_encryption(malloc(olm_pk_encryption_size()));
    fill(priv, 32, 10);
    memcpy(key32, priv, 32);
    add_x25519_private("pk-priv", priv);
    *total += run_case("olm_pk_key_from_private", case_pk_from_private);
    check(result != olm_error(), "olm_pk_key_from_private");

    /* Encrypt to the key above with a known ephemeral key. */
    check(olm_pk_encryption_set_recipient_key(pk_encryption, pk_public, 43) != olm_error(), "set_recipient_key");
    fill(ephemeral_priv, 32, 11);
    memcpy(random_bytes, ephemeral_priv, 32);
    x25519_public(ephemeral_pub, ephemeral_priv);
    x25519(shared, priv, ephemeral_pub);
    add_x25519_private("eph-priv", ephemeral_priv);
    add_field_element("pk-shared", shared);
    add_hkdf_forms("pk", shared, 32, "", 80);
    *total += run_case("olm_pk_encrypt", case_pk_encrypt);
    check(result != olm_error(), "olm_pk_encrypt");
    ciphertext_length = olm_pk_ciphertext_length(pk_encryption, sizeof(message));

    memcpy(ciphertext_copy, ciphertext, ciphertext_length);
    add_x25519_private("pk-priv", priv);
    add_field_element("pk-shared", shared);
    add_hkdf_forms("pk", shared, 32, "", 80);
    *total += run_case("olm_pk_decrypt", case_pk_decrypt);
    check(result == sizeof(message) && memcmp(out, message, sizeof(message)) == 0, "olm_pk_decrypt");
    memcpy(ciphertext_copy, ciphertext, ciphertext_length);
    add_x25519_private("pk-priv", priv);
    add_field_element("pk-shared", shared);
    add_hkdf_forms("pk", shared, 32, "", 80);
    *total += run_case("olm_op_pk_decrypt", case_op_pk_decrypt);
    check(op_result == sizeof(message) && memcmp(out, message, sizeof(message)) == 0, "olm_op_pk_decrypt");

    /* Accounts: random = Ed25519 seed, Curve25519 key. */
    uint8_t expanded[64], identity_priv[32], identity_pub[32];
    account = olm_account(malloc(olm_account_size()));
    fill(random_bytes, 64, 12);
    memcpy(seed, random_bytes, 32);
    memcpy(identity_priv, random_bytes + 32, 32);
    add_ed25519_forms("id-ed", seed, expanded);
    add_x25519_private("id-curve", identity_priv);
    *total += run_case("olm_create_account", case_create_account);
    check(result != olm_error(), "olm_create_account");
    x25519_public(identity_pub, identity_priv);
    check(olm_account_identity_keys(account, out, sizeof(out)) != olm_error(), "identity_keys");
    out[olm_account_identity_keys_length(account)] = 0;
    base64(identity_pub, 32, text);
    check(strstr((char *)out, text) != NULL, "the identity key layout");

    add_ed25519_forms("id-ed", seed, expanded);
    add_nonce_forms("id-ed", expanded, message, sizeof(message));
    *total += run_case("olm_account_sign", case_account_sign);
    check(result != olm_error(), "olm_account_sign");
    add_ed25519_forms("id-ed", seed, expanded);
    add_nonce_forms("id-ed", expanded, message, sizeof(message));
    *total += run_case("olm_op_account_sign", case_op_account_sign);
    check(op_result > 0, "olm_op_account_sign");

    /* Olm: an outbound session from `account` to bob's identity and one-time keys. */
    uint8_t bob_identity[32], bob_one_time[32], base_priv[32], ratchet_priv[32], pub[32], secret[96], root[64];
    bob = olm_account(malloc(olm_account_size()));
    fill(random_bytes, 64, 13);
    memcpy(bob_identity, random_bytes + 32, 32);
    check(olm_create_account(bob, random_bytes, 64) != olm_error(), "bob");
    fill(random_bytes, 32, 14);
    memcpy(bob_one_time, random_bytes, 32);
    check(olm_account_generate_one_time_keys(bob, 1, random_bytes, 32) != olm_error(), "one-time key");
    x25519_public(pub, bob_identity);
    base64(pub, 32, identity_json);
    x25519_public(pub, bob_one_time);
    base64(pub, 32, one_time_json);
    session = olm_session(malloc(olm_session_size()));
    fill(random_bytes, 64, 15);
    memcpy(base_priv, random_bytes, 32);
    memcpy(ratchet_priv, random_bytes + 32, 32);
    x25519_public(pub, bob_one_time);
    x25519(secret, identity_priv, pub);
    x25519_public(pub, bob_identity);
    x25519(secret + 32, base_priv, pub);
    x25519_public(pub, bob_one_time);
    x25519(secret + 64, base_priv, pub);
    HKDF(secret, 96, NULL, 0, (const uint8_t *)"OLM_ROOT", 8, root, 64);
    add_x25519_private("id-curve", identity_priv);
    add_x25519_private("base", base_priv);
    add_x25519_private("ratchet", ratchet_priv);
    add_field_element("3dh-1", secret);
    add_field_element("3dh-2", secret + 32);
    add_field_element("3dh-3", secret + 64);
    add_form("root-key", root, 32);
    add_form("chain-key", root + 32, 32);
    add_hmac_forms("chain-key", root + 32, 32);
    *total += run_case("olm_create_outbound_session", case_outbound_session);
    check(result != olm_error(), "olm_create_outbound_session");

    uint8_t message_key[32], one = 1;
    HMAC(root + 32, 32, &one, 1, message_key);
    add_form("chain-key", root + 32, 32);
    add_hmac_forms("chain-key", root + 32, 32);
    add_form("message-key", message_key, 32);
    add_hkdf_forms("olm-keys", message_key, 32, "OLM_KEYS", 80);
    *total += run_case("olm_encrypt", case_olm_encrypt);
    check(result != olm_error(), "olm_encrypt");

    /* Megolm: random = ratchet (128 bytes), Ed25519 seed. */
    outbound = olm_outbound_group_session(malloc(olm_outbound_group_session_size()));
    fill(random_bytes, 160, 16);
    uint8_t ratchet[128];
    memcpy(ratchet, random_bytes, 128);
    memcpy(seed, random_bytes + 128, 32);
    add_form("megolm-ratchet", ratchet, 128);
    add_ed25519_forms("megolm-ed", seed, expanded);
    *total += run_case("olm_init_outbound_group_session", case_megolm_init);
    check(result != olm_error(), "olm_init_outbound_group_session");
    uint8_t session_key[512];
    size_t session_key_length = olm_outbound_group_session_key(outbound, session_key, sizeof(session_key));
    check(session_key_length != olm_error(), "session key");

    add_form("megolm-ratchet", ratchet, 128);
    add_ed25519_forms("megolm-ed", seed, expanded);
    add_hkdf_forms("megolm", ratchet, 128, "MEGOLM_KEYS", 80);
    *total += run_case("olm_group_encrypt", case_megolm_encrypt);
    check(result != olm_error(), "olm_group_encrypt");
    ciphertext_length = result;

    inbound = olm_inbound_group_session(malloc(olm_inbound_group_session_size()));
    check(olm_init_inbound_group_session(inbound, session_key, session_key_length) != olm_error(), "inbound");
    memcpy(ciphertext_copy, ciphertext, ciphertext_length);
    add_form("megolm-ratchet", ratchet, 128);
    add_hkdf_forms("megolm", ratchet, 128, "MEGOLM_KEYS", 80);
    *total += run_case("olm_group_decrypt", case_megolm_decrypt);
    check(result == sizeof(message), "olm_group_decrypt");
    memcpy(ciphertext_copy, ciphertext, ciphertext_length);
    add_form("megolm-ratchet", ratchet, 128);
    add_hkdf_forms("megolm", ratchet, 128, "MEGOLM_KEYS", 80);
    *total += run_case("olm_op_group_decrypt", case_op_megolm_decrypt);
    check(op_result == sizeof(message), "olm_op_group_decrypt");

    /* SAS: our key, theirs, the shared secret, and calculate_mac's HKDF. */
    uint8_t sas_priv[32], sas_their[32];
    sas = olm_sas(malloc(olm_sas_size()));
    fill(sas_priv, 32, 17);
    memcpy(random_bytes, sas_priv, 32);
    check(olm_create_sas(sas, random_bytes, 32) != olm_error(), "olm_create_sas");
    fill(sas_their, 32, 18);
    x25519_public(pub, sas_their);
    base64(pub, 32, text);
    check(olm_sas_set_their_key(sas, text, 43) != olm_error(), "olm_sas_set_their_key");
    x25519(shared, sas_priv, pub);
    add_x25519_private("sas-priv", sas_priv);
    add_field_element("sas-shared", shared);
    *total += run_case("olm_sas_calculate_mac", case_sas_mac);
    check(result != olm_error(), "olm_sas_calculate_mac");
    add_x25519_private("sas-priv", sas_priv);
    add_field_element("sas-shared", shared);
    *total += run_case("olm_op_sas_calculate_mac", case_op_sas_mac);
    check(op_result > 0, "olm_op_sas_calculate_mac");
}

/* olm_clear_* on every object the libolm cases used (the addon's free()): the bytes that differ
 * from a fresh object of the same kind, cleared the same way. libolm's empty lists point into
 * their object: a word that is the same offset into each object counts as equal. */
static size_t cleared_differ(void *object, void *fresh, size_t size, size_t cleared, size_t cleared_fresh) {
    size_t differ = cleared == size && cleared_fresh == size ? 0 : size;
    for (size_t i = 0; i + 8 <= size; i += 8) {
        uint64_t a, b;
        memcpy(&a, (uint8_t *)object + i, 8);
        memcpy(&b, (uint8_t *)fresh + i, 8);
        if (a == b || a - (uintptr_t)object == b - (uintptr_t)fresh) continue;
        for (int j = 0; j < 8; j++) differ += ((uint8_t *)object)[i + j] != ((uint8_t *)fresh)[i + j];
    }
    for (size_t i = size & ~(size_t)7; i < size; i++) differ += ((uint8_t *)object)[i] != ((uint8_t *)fresh)[i];
    free(fresh);
    return differ;
}

static size_t heap_after_clear(void) {
    size_t nonzero = 0;
    void *fresh;
#define CLEAR(object, kind)                           \
    (fresh = olm_##kind(malloc(olm_##kind##_size())), \
     nonzero += cleared_differ(object, fresh, olm_##kind##_size(), olm_clear_##kind(object), olm_clear_##kind(fresh)))
    CLEAR(pk_decryption, pk_decryption);
    CLEAR(pk_encryption, pk_encryption);
    CLEAR(account, account);
    CLEAR(bob, account);
    CLEAR(session, session);
    CLEAR(outbound, outbound_group_session);
    CLEAR(inbound, inbound_group_session);
    CLEAR(sas, sas);
#undef CLEAR
    printf("heap: 8 objects cleared by olm_clear_*, bytes differing from a fresh one: %zu\n", nonzero);
    return nonzero;
}

int main(void) {
    size_t total = 0;
    stack_memory = aligned_alloc(64, STACK_SIZE);
    printf("%-34s %7s %5s %s\n", "call", "stack", "hits", "forms found (8-byte positions)");
#ifdef STOCK_CORE
    primitive_cases(" (stock)", &total);
#else
    char suffix[32];
    snprintf(suffix, sizeof(suffix), " (%s, %s)", fast_cpu_has_aes_ni() ? "aes-ni" : "aes-ct",
             fast_cpu_has_sha_ni() ? "sha-ni" : "sha256-c");
    primitive_cases(suffix, &total);
    fast_crypto_force_portable(1);
    primitive_cases(" (portable)", &total);
    fast_crypto_force_portable(0);
#endif
    libolm_cases(&total);
    printf("total hits: %zu\n", total);
    size_t nonzero = heap_after_clear();
    return total || nonzero ? 1 : 0;
}
