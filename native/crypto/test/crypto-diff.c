/* Differential test: the fast primitives (fast_crypto_*) against libolm's portable ones
 * (_olm_crypto_* from src/crypto.cpp over lib/) on random inputs, byte for byte. Iterations
 * alternate between this CPU's instruction-set paths and the forced portable fallbacks.
 * Usage: crypto-diff [seed [part ...]] with parts hashes, aes, x25519, ed25519, edges (default:
 * all), so a test can run the slow parts in parallel. Exit status 0 = no difference. */
#include <stdlib.h>
#include <string.h>

#include "../fast-crypto.h"
#include "util.h"

#define CHEAP 100000  /* hashes, MACs, KDF, AES */
#define SCALAR 100000 /* X25519 */
#define SIGNING 100000 /* Ed25519 */

static void differ(const char *what, long iteration) {
    if (failures++ < 10) fprintf(stderr, "FAIL %s differs at iteration %ld\n", what, iteration);
}

static void diff_hashes(void) {
    static uint8_t key[100], input[200], salt[80], info[80], a[160], b[160];
    for (long i = 0; i < CHEAP; i++) {
        fast_crypto_force_portable(i & 1);
        size_t n = rng_below(sizeof(input)), k = rng_below(sizeof(key));
        rng_fill(input, n);
        rng_fill(key, k);
        _olm_crypto_sha256(input, n, a);
        fast_crypto_sha256(input, n, b);
        if (memcmp(a, b, 32)) differ("sha256", i);
        _olm_crypto_hmac_sha256(key, k, input, n, a);
        fast_crypto_hmac_sha256(key, k, input, n, b);
        if (memcmp(a, b, 32)) differ("hmac-sha256", i);
        size_t s = rng_below(sizeof(salt)), f = rng_below(sizeof(info)), out = rng_below(sizeof(a));
        const uint8_t *salt_or_null = rng_below(4) ? salt : NULL;
        n = rng_below(100);
        rng_fill(salt, s);
        rng_fill(info, f);
        _olm_crypto_hkdf_sha256(input, n, salt_or_null, s, info, f, a, out);
        fast_crypto_hkdf_sha256(input, n, salt_or_null, s, info, f, b, out);
        if (memcmp(a, b, out)) differ("hkdf-sha256", i);
    }
}

static void diff_aes(void) {
    static uint8_t input[100], a[112], b[112];
    struct _olm_aes256_key key;
    struct _olm_aes256_iv iv;
    for (long i = 0; i < CHEAP; i++) {
        fast_crypto_force_portable(i & 1);
        size_t n = rng_below(sizeof(input));
        rng_fill(key.key, sizeof(key.key));
        rng_fill(iv.iv, sizeof(iv.iv));
        rng_fill(input, n);
        size_t length = _olm_crypto_aes_encrypt_cbc_length(n);
        if (length != fast_crypto_aes_encrypt_cbc_length(n)) differ("aes-cbc length", i);
        _olm_crypto_aes_encrypt_cbc(&key, &iv, input, n, a);
        fast_crypto_aes_encrypt_cbc(&key, &iv, input, n, b);
        if (memcmp(a, b, length)) differ("aes-256-cbc encrypt", i);
        /* Decrypt the ciphertext, or (every other time) random blocks with random padding bytes. */
        if (i & 2) rng_fill(a, length);
        memcpy(b, a, length);
        size_t got_a = _olm_crypto_aes_decrypt_cbc(&key, &iv, a, length, input);
        size_t got_b = fast_crypto_aes_decrypt_cbc(&key, &iv, b, length, b); /* in place */
        if (got_a != got_b || memcmp(input, b, length)) differ("aes-256-cbc decrypt", i);
    }
}

static void diff_x25519(void) {
    struct _olm_curve25519_key_pair a, b;
    struct _olm_curve25519_public_key theirs;
    uint8_t random[32], sa[32], sb[32];
    for (long i = 0; i < SCALAR; i++) {
        rng_fill(random, 32);
        rng_fill(theirs.public_key, 32); /* any u, including non-canonical ones and the top bit */
        _olm_crypto_curve25519_generate_key(random, &a);
        fast_crypto_curve25519_generate_key(random, &b);
        if (memcmp(&a, &b, sizeof(a))) differ("x25519 generate key", i);
        _olm_crypto_curve25519_shared_secret(&a, &theirs, sa);
        fast_crypto_curve25519_shared_secret(&a, &theirs, sb);
        if (memcmp(sa, sb, 32)) differ("x25519 shared secret", i);
    }
}

/* Adds the group order L to the scalar half of a signature: libolm accepts S < 2^253. */
static void add_order(uint8_t s[32]) {
    static const uint8_t L[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                                  0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10};
    unsigned carry = 0;
    for (int i = 0; i < 32; i++) {
        carry += s[i] + L[i];
        s[i] = (uint8_t)carry;
        carry >>= 8;
    }
}

static void diff_ed25519(void) {
    struct _olm_ed25519_key_pair a, b, previous;
    uint8_t random[32], message[200], sa[64], sb[64], previous_message[200], previous_signature[64];
    size_t previous_length = 0;
    for (long i = 0; i < SIGNING; i++) {
        size_t n = rng_below(sizeof(message));
        rng_fill(random, 32);
        rng_fill(message, n);
        _olm_crypto_ed25519_generate_key(random, &a);
        fast_crypto_ed25519_generate_key(random, &b);
        if (memcmp(&a, &b, sizeof(a))) differ("ed25519 generate key", i);
        _olm_crypto_ed25519_sign(&a, message, n, sa);
        fast_crypto_ed25519_sign(&a, message, n, sb);
        if (memcmp(sa, sb, 64)) differ("ed25519 sign", i);
        /* Verify: valid, then altered in the ways verifiers disagree on. */
        switch (i % 6) {
        case 0: break;
        case 1: sa[rng_below(64)] ^= (uint8_t)(1u << rng_below(8)); break;
        case 2: add_order(sa + 32); break;                              /* S + L, still < 2^253 */
        case 3: rng_fill(a.public_key.public_key, 32); break;           /* random (often invalid) key */
        case 4: a.public_key.public_key[31] ^= 0x80; break;             /* the other x */
        case 5: if (n) message[rng_below(n)] ^= 1; break;
        }
        int va = _olm_crypto_ed25519_verify(&a.public_key, message, n, sa);
        int vb = fast_crypto_ed25519_verify(&a.public_key, message, n, sa);
        if (va != vb) differ("ed25519 verify", i);
        /* Again, and against an earlier key: the fast core's decoded-key cache hits, then misses. */
        if (fast_crypto_ed25519_verify(&a.public_key, message, n, sa) != va) differ("ed25519 verify (cached key)", i);
        if (i % 6 == 0) { /* a valid signature, kept for later */
            if (i > 0 && !fast_crypto_ed25519_verify(&previous.public_key, previous_message, previous_length, previous_signature))
                differ("ed25519 verify (earlier key)", i);
            previous = a;
            previous_length = n;
            memcpy(previous_message, message, n);
            memcpy(previous_signature, sa, 64);
        }
    }
}

/* Encodings verifiers disagree on: the identity (y = 1) with both sign bits, y = 0, y = -1,
 * non-canonical y = p and y = p + 1, and a point of order 8. Each is tried as public key and as R,
 * with S = 0, S = L and S random; the verdicts must match libolm's. */
static void diff_ed25519_edges(void) {
    static const char *const points[] = {
        "0100000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000080",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    };
    const size_t count = sizeof(points) / sizeof(points[0]);
    struct _olm_ed25519_public_key key;
    uint8_t signature[64], message[16];
    long case_number = 0, accepted = 0;
    for (size_t k = 0; k < count; k++) {
        unhex(points[k], key.public_key);
        for (size_t r = 0; r < count; r++) {
            for (int s = 0; s < 3; s++, case_number++) {
                unhex(points[r], signature);
                memset(signature + 32, 0, 32);
                if (s == 1) add_order(signature + 32);
                if (s == 2) {
                    rng_fill(signature + 32, 32);
                    signature[63] &= 0x1f;
                }
                rng_fill(message, sizeof(message));
                int va = _olm_crypto_ed25519_verify(&key, message, sizeof(message), signature);
                int vb = fast_crypto_ed25519_verify(&key, message, sizeof(message), signature);
                if (va != vb) differ("ed25519 verify (edge encodings)", case_number);
                accepted += va;
            }
        }
    }
    printf("  edge encodings: %ld of %ld signatures accepted by both\n", accepted, case_number);
}

int main(int argc, char **argv) {
    uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : (uint64_t)time(NULL);
    rng_state = seed;
    printf("crypto-diff seed %llu (replay: crypto-diff %llu)\n", (unsigned long long)seed, (unsigned long long)seed);
    struct { const char *id; const char *name; void (*run)(void); } parts[] = {
        {"hashes", "sha256/hmac/hkdf x100000", diff_hashes},
        {"aes", "aes-256-cbc x100000", diff_aes},
        {"x25519", "x25519 x100000", diff_x25519},
        {"ed25519", "ed25519 x100000", diff_ed25519},
        {"edges", "ed25519 edge encodings", diff_ed25519_edges},
    };
    for (int a = 2; a < argc; a++) {
        int known = 0;
        for (size_t p = 0; p < sizeof(parts) / sizeof(parts[0]); p++) known |= !strcmp(argv[a], parts[p].id);
        if (!known) {
            fprintf(stderr, "unknown part %s (hashes, aes, x25519, ed25519, edges)\n", argv[a]);
            return 2;
        }
    }
    for (size_t p = 0; p < sizeof(parts) / sizeof(parts[0]); p++) {
        int chosen = argc <= 2;
        for (int a = 2; a < argc; a++) chosen |= !strcmp(argv[a], parts[p].id);
        if (!chosen) continue;
        double start = now_us();
        int before = failures;
        parts[p].run();
        printf("%-26s %s (%.2f s)\n", parts[p].name, failures == before ? "same" : "DIFFER",
               (now_us() - start) / 1e6);
    }
    fast_crypto_force_portable(0);
    if (failures) {
        fprintf(stderr, "%d difference(s)\n", failures);
        return 1;
    }
    printf("fast and portable primitives agree\n");
    return 0;
}
