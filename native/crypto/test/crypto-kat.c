/* Known-answer tests of libolm's crypto seam (olm/crypto.h) with published vectors: FIPS 180-4
 * SHA-256, RFC 4231 HMAC-SHA-256, RFC 5869 HKDF, NIST SP 800-38A AES-256-CBC, RFC 7748 X25519
 * (with the 1,000-iteration vector) and RFC 8032 Ed25519. Linked once against each crypto core
 * (crypto-kat: fast, run on this CPU's paths and again on the portable fallbacks; crypto-kat-stock:
 * libolm's). With --bench it prints the time per operation instead. Exit status 0 = all passed. */
#include <stdlib.h>

#include "olm/crypto.h"
#include "../primitives.h"
#include "util.h"
#ifdef OLM_FAST_CORE
#include "../fast-crypto.h"
#endif

static void kat_sha256(void) {
    static const char *const cases[][2] = {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    };
    uint8_t out[32];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        _olm_crypto_sha256((const uint8_t *)cases[i][0], strlen(cases[i][0]), out);
        expect_hex("sha256 FIPS 180-4 example", out, cases[i][1]);
    }
    uint8_t *million = malloc(1000000);
    memset(million, 'a', 1000000);
    _olm_crypto_sha256(million, 1000000, out);
    expect_hex("sha256 one million 'a'", out, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(million);
}

static void kat_hmac(void) {
    uint8_t key[131], data[152], out[32];
    memset(key, 0x0b, 20);
    _olm_crypto_hmac_sha256(key, 20, (const uint8_t *)"Hi There", 8, out);
    expect_hex("hmac RFC 4231 case 1", out, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    _olm_crypto_hmac_sha256((const uint8_t *)"Jefe", 4, (const uint8_t *)"what do ya want for nothing?", 28, out);
    expect_hex("hmac RFC 4231 case 2", out, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    memset(key, 0xaa, 20);
    memset(data, 0xdd, 50);
    _olm_crypto_hmac_sha256(key, 20, data, 50, out);
    expect_hex("hmac RFC 4231 case 3", out, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    for (int i = 0; i < 25; i++) key[i] = (uint8_t)(i + 1);
    memset(data, 0xcd, 50);
    _olm_crypto_hmac_sha256(key, 25, data, 50, out);
    expect_hex("hmac RFC 4231 case 4", out, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    memset(key, 0xaa, 131);
    const char *m6 = "Test Using Larger Than Block-Size Key - Hash Key First";
    _olm_crypto_hmac_sha256(key, 131, (const uint8_t *)m6, strlen(m6), out);
    expect_hex("hmac RFC 4231 case 6", out, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    const char *m7 = "This is a test using a larger than block-size key and a larger than block-size data. "
                     "The key needs to be hashed before being used by the HMAC algorithm.";
    _olm_crypto_hmac_sha256(key, 131, (const uint8_t *)m7, strlen(m7), out);
    expect_hex("hmac RFC 4231 case 7", out, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

static void kat_hkdf(void) {
    uint8_t ikm[80], salt[80], info[80], out[82];
    memset(ikm, 0x0b, 22);
    for (int i = 0; i < 13; i++) salt[i] = (uint8_t)i;
    for (int i = 0; i < 10; i++) info[i] = (uint8_t)(0xf0 + i);
    /* libolm's argument order: input, salt, info. */
    _olm_crypto_hkdf_sha256(ikm, 22, salt, 13, info, 10, out, 42);
    expect_hex("hkdf RFC 5869 case 1", out,
               "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    for (int i = 0; i < 80; i++) {
        ikm[i] = (uint8_t)i;
        salt[i] = (uint8_t)(0x60 + i);
        info[i] = (uint8_t)(0xb0 + i);
    }
    _olm_crypto_hkdf_sha256(ikm, 80, salt, 80, info, 80, out, 82);
    expect_hex("hkdf RFC 5869 case 2", out,
               "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09"
               "da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
    memset(ikm, 0x0b, 22);
    const char *want3 = "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8";
    _olm_crypto_hkdf_sha256(ikm, 22, salt, 0, info, 0, out, 42);
    expect_hex("hkdf RFC 5869 case 3 (empty salt)", out, want3);
    _olm_crypto_hkdf_sha256(ikm, 22, NULL, 0, info, 0, out, 42);
    expect_hex("hkdf RFC 5869 case 3 (no salt)", out, want3);
}

static void kat_aes(void) {
    struct _olm_aes256_key key;
    struct _olm_aes256_iv iv;
    uint8_t plain[64], cipher[80], back[80];
    const char *want = "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
                       "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b";
    unhex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", key.key);
    unhex("000102030405060708090a0b0c0d0e0f", iv.iv);
    unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
          "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
          plain);
    expect("aes cbc length", _olm_crypto_aes_encrypt_cbc_length(64) == 80);
    _olm_crypto_aes_encrypt_cbc(&key, &iv, plain, 64, cipher);
    expect_hex("aes-256-cbc SP 800-38A F.2.5 encrypt", cipher, want);
    expect("aes-256-cbc padding round trip",
           _olm_crypto_aes_decrypt_cbc(&key, &iv, cipher, 80, back) == 64 && memcmp(back, plain, 64) == 0);
    unhex(want, cipher);
    _olm_crypto_aes_decrypt_cbc(&key, &iv, cipher, 64, back);
    expect("aes-256-cbc SP 800-38A F.2.6 decrypt", memcmp(back, plain, 64) == 0);
}

static void x25519(const uint8_t scalar[32], const uint8_t u[32], uint8_t out[32]) {
    struct _olm_curve25519_key_pair ours;
    struct _olm_curve25519_public_key theirs;
    memcpy(ours.private_key.private_key, scalar, 32);
    memcpy(theirs.public_key, u, 32);
    _olm_crypto_curve25519_shared_secret(&ours, &theirs, out);
}

static void kat_x25519(void) {
    uint8_t k[32], u[32], out[32];
    unhex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4", k);
    unhex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c", u);
    x25519(k, u, out);
    expect_hex("x25519 RFC 7748 5.2 vector 1", out, "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
    /* 6.1: key generation from the base point and the shared secret. */
    struct _olm_curve25519_key_pair alice, bob;
    unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", k);
    _olm_crypto_curve25519_generate_key(k, &alice);
    expect_hex("x25519 RFC 7748 6.1 alice public", alice.public_key.public_key,
               "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    unhex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", k);
    _olm_crypto_curve25519_generate_key(k, &bob);
    expect_hex("x25519 RFC 7748 6.1 bob public", bob.public_key.public_key,
               "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    _olm_crypto_curve25519_shared_secret(&alice, &bob.public_key, out);
    expect_hex("x25519 RFC 7748 6.1 shared", out, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    /* 5.2 iterations: k, u = X25519(k, u), k starting from k = u = 9. */
    memset(k, 0, 32);
    k[0] = 9;
    memcpy(u, k, 32);
    for (int i = 1; i <= 1000; i++) {
        x25519(k, u, out);
        memcpy(u, k, 32);
        memcpy(k, out, 32);
        if (i == 1)
            expect_hex("x25519 RFC 7748 1 iteration", k,
                       "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
    }
    expect_hex("x25519 RFC 7748 1,000 iterations", k,
               "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
}

static void kat_ed25519(void) {
    static const char *const cases[][4] = {
        {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
         "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
         "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
         "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
        {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
         "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
         "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
         "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t seed[32], message[8], signature[64];
        struct _olm_ed25519_key_pair pair;
        char what[64];
        unhex(cases[i][0], seed);
        size_t length = unhex(cases[i][2], message);
        _olm_crypto_ed25519_generate_key(seed, &pair);
        snprintf(what, sizeof(what), "ed25519 RFC 8032 test %zu public key", i + 1);
        expect_hex(what, pair.public_key.public_key, cases[i][1]);
        _olm_crypto_ed25519_sign(&pair, message, length, signature);
        snprintf(what, sizeof(what), "ed25519 RFC 8032 test %zu signature", i + 1);
        expect_hex(what, signature, cases[i][3]);
        snprintf(what, sizeof(what), "ed25519 RFC 8032 test %zu verifies", i + 1);
        expect(what, _olm_crypto_ed25519_verify(&pair.public_key, message, length, signature));
        signature[i * 20] ^= 1;
        snprintf(what, sizeof(what), "ed25519 RFC 8032 test %zu altered is refused", i + 1);
        expect(what, !_olm_crypto_ed25519_verify(&pair.public_key, message, length, signature));
    }
}

static void run_kats(void) {
    kat_sha256();
    kat_hmac();
    kat_hkdf();
    kat_aes();
    kat_x25519();
    kat_ed25519();
}

/* Time per operation of each seam function, best of three runs of `count`. */
#define BENCH(name, count, statement)                   \
    do {                                                \
        double best = 1e30;                             \
        for (int run = 0; run < 3; run++) {             \
            double start = now_us();                    \
            for (int i = 0; i < (count); i++) {         \
                statement;                              \
            }                                           \
            double took = (now_us() - start) / (count); \
            if (took < best) best = took;               \
        }                                               \
        printf("%-28s %9.3f us/op\n", name, best);      \
    } while (0)

static void bench(void) {
    static uint8_t buffer[1024 + 16], out[1024 + 16];
    struct _olm_aes256_key key = {{1}};
    struct _olm_aes256_iv iv = {{2}};
    struct _olm_curve25519_key_pair pair;
    struct _olm_ed25519_key_pair signing, signers[8];
    uint8_t seed[32] = {3}, signature[64], signatures[8][64];
    volatile int ok = 0;
    _olm_crypto_curve25519_generate_key(seed, &pair);
    _olm_crypto_ed25519_generate_key(seed, &signing);
    _olm_crypto_ed25519_sign(&signing, buffer, 200, signature);
    for (int k = 0; k < 8; k++) { /* signers whose first key bytes differ, for the row below */
        seed[1] = (uint8_t)k;
        do {
            seed[2]++;
            _olm_crypto_ed25519_generate_key(seed, &signers[k]);
        } while ((signers[k].public_key.public_key[0] & 7) != k);
        _olm_crypto_ed25519_sign(&signers[k], buffer, 200, signatures[k]);
    }
    printf("%s\n", olm_universal_primitives());
    BENCH("sha256 1 KiB", 20000, _olm_crypto_sha256(buffer, 1024, out));
    BENCH("hmac-sha256 200 B", 20000, _olm_crypto_hmac_sha256(seed, 32, buffer, 200, out));
    BENCH("hkdf-sha256 80 B out", 20000, _olm_crypto_hkdf_sha256(seed, 32, NULL, 0, buffer, 16, out, 80));
    BENCH("aes-256-cbc encrypt 1 KiB", 20000, _olm_crypto_aes_encrypt_cbc(&key, &iv, buffer, 1024, out));
    BENCH("aes-256-cbc decrypt 1 KiB", 20000, ok += (int)_olm_crypto_aes_decrypt_cbc(&key, &iv, out, 1024, buffer));
    BENCH("x25519 generate key", 2000, _olm_crypto_curve25519_generate_key(seed, &pair));
    BENCH("x25519 shared secret", 2000, _olm_crypto_curve25519_shared_secret(&pair, &pair.public_key, out));
    BENCH("ed25519 generate key", 2000, _olm_crypto_ed25519_generate_key(seed, &signing));
    BENCH("ed25519 sign 200 B", 2000, _olm_crypto_ed25519_sign(&signing, buffer, 200, out));
    BENCH("ed25519 verify 200 B", 2000, ok += _olm_crypto_ed25519_verify(&signing.public_key, buffer, 200, signature));
    /* Eight signers in turn: the fast core's per-thread cache of decoded keys misses every time. */
    BENCH("ed25519 verify, 8 keys", 2000,
          ok += _olm_crypto_ed25519_verify(&signers[i & 7].public_key, buffer, 200, signatures[i & 7]));
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--bench") == 0) {
        bench();
        return 0;
    }
    printf("%s\n", olm_universal_primitives());
    run_kats();
#ifdef OLM_FAST_CORE
    fast_crypto_force_portable(1);
    run_kats();
    fast_crypto_force_portable(0);
#endif
    if (failures) {
        fprintf(stderr, "%d known-answer test(s) failed\n", failures);
        return 1;
    }
    printf("all known-answer tests passed\n");
    return 0;
}
