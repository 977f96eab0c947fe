/* The crypto core, differential: libolm's portable primitives (_olm_crypto_*) against the fast
 * core (fast_crypto_*) on arbitrary inputs, in one binary (linked as crypto-diff is). First byte:
 * the primitive (and bit 7: force the fast core's portable fallbacks); then its inputs.
 * AES-CBC decrypt takes any length, empty and partial blocks included, into an exact-size buffer. */
#include "../fuzz-common.h"
#include "../../../native/crypto/fast-crypto.h"

static void fuzz_setup(void) {}
static void fuzz_seeds(void) {
    uint8_t seed[1 + 48 + 64];
    fuzz_random(seed, sizeof(seed));
    for (uint8_t op = 0; op < 5; op++) {
        seed[0] = op;
        fuzz_seed(seed, sizeof(seed));
    }
}

#define SAME(what, a, b, n) FUZZ_CHECK(((void)what, memcmp((a), (b), (n)) == 0))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    fast_crypto_force_portable(data[0] >> 7);
    const uint8_t *in = data + 1;
    size_t n = size - 1;
    switch (data[0] & 0x7f) {
        case 0: { /* AES-256-CBC decrypt: key, iv, then a ciphertext of any length */
            if (n < 48) return 0;
            struct _olm_aes256_key key;
            struct _olm_aes256_iv iv;
            memcpy(key.key, in, 32);
            memcpy(iv.iv, in + 32, 16);
            size_t length = n - 48;
            uint8_t *ct = fuzz_copy(in + 48, length), *a = (uint8_t *)fuzz_malloc(length),
                    *b = (uint8_t *)fuzz_malloc(length);
            size_t got_a = _olm_crypto_aes_decrypt_cbc(&key, &iv, ct, length, a);
            size_t got_b = fast_crypto_aes_decrypt_cbc(&key, &iv, ct, length, b);
            FUZZ_CHECK(got_a == got_b);
            if (got_a != (size_t)-1) {
                FUZZ_CHECK(got_a <= length);
                SAME("aes decrypt", a, b, got_a);
            }
            free(b);
            free(a);
            free(ct);
            break;
        }
        case 1: { /* AES-256-CBC encrypt of any length */
            if (n < 48) return 0;
            struct _olm_aes256_key key;
            struct _olm_aes256_iv iv;
            memcpy(key.key, in, 32);
            memcpy(iv.iv, in + 32, 16);
            size_t length = n - 48, out = _olm_crypto_aes_encrypt_cbc_length(length);
            FUZZ_CHECK(out == fast_crypto_aes_encrypt_cbc_length(length));
            uint8_t *pt = fuzz_copy(in + 48, length), *a = (uint8_t *)fuzz_malloc(out),
                    *b = (uint8_t *)fuzz_malloc(out);
            _olm_crypto_aes_encrypt_cbc(&key, &iv, pt, length, a);
            fast_crypto_aes_encrypt_cbc(&key, &iv, pt, length, b);
            SAME("aes encrypt", a, b, out);
            free(b);
            free(a);
            free(pt);
            break;
        }
        case 2: { /* X25519: our key from 32 bytes, their arbitrary public key */
            if (n < 64) return 0;
            struct _olm_curve25519_key_pair a, b;
            struct _olm_curve25519_public_key theirs;
            uint8_t sa[32], sb[32];
            _olm_crypto_curve25519_generate_key(in, &a);
            fast_crypto_curve25519_generate_key(in, &b);
            SAME("x25519 key", &a, &b, sizeof(a));
            memcpy(theirs.public_key, in + 32, 32);
            _olm_crypto_curve25519_shared_secret(&a, &theirs, sa);
            fast_crypto_curve25519_shared_secret(&a, &theirs, sb);
            SAME("x25519 shared secret", sa, sb, 32);
            break;
        }
        case 3: { /* Ed25519 verify: arbitrary key, signature, message */
            if (n < 96) return 0;
            struct _olm_ed25519_public_key key;
            memcpy(key.public_key, in, 32);
            uint8_t *message = fuzz_copy(in + 96, n - 96);
            int va = _olm_crypto_ed25519_verify(&key, message, n - 96, in + 32);
            int vb = fast_crypto_ed25519_verify(&key, message, n - 96, in + 32);
            FUZZ_CHECK(va == vb);
            FUZZ_CHECK(fast_crypto_ed25519_verify(&key, message, n - 96, in + 32) == va); /* cached key */
            free(message);
            break;
        }
        case 4: { /* SHA-256, HMAC and HKDF over arbitrary splits */
            if (n < 3) return 0;
            size_t k = in[0] % (n - 2), s = in[1] % (n - 2 - k); /* key, salt, then the rest */
            const uint8_t *key = in + 3, *salt = key + k, *rest = salt + s;
            size_t r = n - 3 - k - s, out = in[2];
            uint8_t a[256], b[256];
            _olm_crypto_sha256(rest, r, a);
            fast_crypto_sha256(rest, r, b);
            SAME("sha256", a, b, 32);
            _olm_crypto_hmac_sha256(key, k, rest, r, a);
            fast_crypto_hmac_sha256(key, k, rest, r, b);
            SAME("hmac", a, b, 32);
            _olm_crypto_hkdf_sha256(key, k, s ? salt : NULL, s, rest, r, a, out);
            fast_crypto_hkdf_sha256(key, k, s ? salt : NULL, s, rest, r, b, out);
            SAME("hkdf", a, b, out);
            break;
        }
    }
    return 0;
}
