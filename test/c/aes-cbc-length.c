/* _olm_crypto_aes_decrypt_cbc must refuse a ciphertext that is empty or not whole AES blocks
 * (size_t(-1), nothing read or written: vendor/olm/patches/0002), on the stock core and the fast
 * core (AES-NI and its table fallback), while whole-block ciphertexts decrypt as before. Built
 * with ASan + UBSan: every buffer is its exact length on the heap, so an overrun is a report.
 * Prints one line per check and "aes-cbc-length: all passed"; exits 1 on a failed check. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "olm/crypto.h"
#ifdef OLM_FAST_CORE
#include "fast-crypto.h"
#endif

static int failures = 0;
static void check(const char *what, int ok) {
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    if (!ok) failures++;
}

static void run(const char *core) {
    struct _olm_aes256_key key;
    struct _olm_aes256_iv iv;
    for (int i = 0; i < 32; i++) key.key[i] = (uint8_t)(i * 7 + 1);
    for (int i = 0; i < 16; i++) iv.iv[i] = (uint8_t)(i * 13 + 5);
    char what[128];

    static const size_t bad[] = {0, 1, 5, 15, 17, 1025};
    for (size_t b = 0; b < sizeof(bad) / sizeof(bad[0]); b++) {
        size_t length = bad[b];
        /* Exact-size heap buffers (malloc(0) is a zero-byte block to ASan). */
        uint8_t *input = malloc(length), *output = malloc(length);
        for (size_t i = 0; i < length; i++) input[i] = (uint8_t)(i * 31 + 3);
        size_t got = _olm_crypto_aes_decrypt_cbc(&key, &iv, input, length, output);
        snprintf(what, sizeof what, "%s: %zu-byte ciphertext refused (got %zd)", core, length, (ssize_t)got);
        check(what, got == (size_t)-1);
        free(input);
        free(output);
    }

    /* Whole blocks still decrypt: every plaintext length 0..48 round-trips. */
    int round_trips = 1;
    for (size_t length = 0; length <= 48; length++) {
        uint8_t plain[48], back[64], *cipher;
        size_t cipher_length = _olm_crypto_aes_encrypt_cbc_length(length);
        for (size_t i = 0; i < length; i++) plain[i] = (uint8_t)(i + 100);
        cipher = malloc(cipher_length);
        _olm_crypto_aes_encrypt_cbc(&key, &iv, plain, length, cipher);
        size_t got = _olm_crypto_aes_decrypt_cbc(&key, &iv, cipher, cipher_length, back);
        round_trips = round_trips && got == length && memcmp(plain, back, length) == 0;
        free(cipher);
    }
    snprintf(what, sizeof what, "%s: plaintexts of 0..48 bytes round-trip", core);
    check(what, round_trips);

    /* A whole-block ciphertext whose last plaintext byte is any value 0..255 (padding 0 or
     * beyond 16 is not PKCS#7, but only the length is checked, as upstream): the result is
     * -1 or a length within the input, never beyond it. */
    int in_range = 1;
    for (int last = 0; last < 256; last++) {
        uint8_t plain[32], cipher[32], back[32];
        memset(plain, 0x41, sizeof plain);
        plain[31] = (uint8_t)last;
        /* Encrypt 32 bytes and keep the first 32 bytes of ciphertext: no padding block. */
        uint8_t full[48];
        _olm_crypto_aes_encrypt_cbc(&key, &iv, plain, 32, full);
        memcpy(cipher, full, 32);
        size_t got = _olm_crypto_aes_decrypt_cbc(&key, &iv, cipher, 32, back);
        size_t want = last > 32 ? (size_t)-1 : 32 - (size_t)last;
        in_range = in_range && got == want;
    }
    snprintf(what, sizeof what, "%s: padding byte 0..255 gives 32 - padding or -1", core);
    check(what, in_range);
}

int main(void) {
#ifdef OLM_FAST_CORE
    run("fast");
    fast_crypto_force_portable(1);
    run("fast (portable fallbacks)");
    fast_crypto_force_portable(0);
#else
    run("stock");
#endif
    if (failures) {
        printf("aes-cbc-length: %d failed\n", failures);
        return 1;
    }
    printf("aes-cbc-length: all passed\n");
    return 0;
}
