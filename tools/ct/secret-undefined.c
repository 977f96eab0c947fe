/* "Secret as undefined" (Langley's ctgrind idea, with stock memcheck): the AES key, the
 * plaintext and the ciphertext are marked undefined, so memcheck reports every branch
 * ("Conditional jump or move depends on uninitialised value(s)") and every memory address
 * ("Use of uninitialised value of size N") computed from them. Outputs and return values are
 * marked defined again before this program looks at them.
 *
 * Usage: valgrind -q secret-undefined aes-ct|table|aes-ni
 *   aes-ct  native/crypto/aes-ct.c (expected: no report)
 *   table   libolm's lib/crypto-algorithms/aes.c as src/crypto.cpp drives it (expected: reports)
 *   aes-ni  native/crypto/aes.c on AES-NI (the CPU valgrind emulates must offer AES-NI) */
#include <stdio.h>
#include <string.h>

#include <valgrind/memcheck.h>

#include "aes-ct.h"
#include "crypto-algorithms/aes.h"
#include "fast-crypto.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static void table_encrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv, const uint8_t *input,
                              size_t input_length, uint8_t *output) {
    WORD schedule[60];
    uint8_t block[16];
    aes_key_setup(key->key, schedule, 256);
    memcpy(block, iv->iv, 16);
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

static size_t table_decrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv,
                                const uint8_t *input, size_t input_length, uint8_t *output) {
    WORD schedule[60];
    uint8_t block1[16], block2[16];
    aes_key_setup(key->key, schedule, 256);
    memcpy(block1, iv->iv, 16);
    for (size_t i = 0; i < input_length; i += 16) {
        memcpy(block2, &input[i], 16);
        aes_decrypt(&input[i], &output[i], schedule, 256);
        for (int j = 0; j < 16; j++) output[i + j] ^= block1[j];
        memcpy(block1, block2, 16);
    }
    size_t padding = output[input_length - 1];
    return padding > input_length ? (size_t)-1 : input_length - padding;
}

typedef void (*encrypt_fn)(const struct _olm_aes256_key *, const struct _olm_aes256_iv *, const uint8_t *, size_t,
                           uint8_t *);
typedef size_t (*decrypt_fn)(const struct _olm_aes256_key *, const struct _olm_aes256_iv *, const uint8_t *, size_t,
                             uint8_t *);

int main(int argc, char **argv) {
    const char *which = argc > 1 ? argv[1] : "aes-ct";
    encrypt_fn encrypt;
    decrypt_fn decrypt;
    if (strcmp(which, "aes-ct") == 0) {
        encrypt = aes_ct_encrypt_cbc;
        decrypt = aes_ct_decrypt_cbc;
    } else if (strcmp(which, "table") == 0) {
        encrypt = table_encrypt_cbc;
        decrypt = table_decrypt_cbc;
    } else if (strcmp(which, "aes-ni") == 0) {
        if (!fast_cpu_has_aes_ni()) {
            printf("aes-ni: skipped (no AES-NI under valgrind)\n");
            return 0;
        }
        encrypt = fast_crypto_aes_encrypt_cbc;
        decrypt = fast_crypto_aes_decrypt_cbc;
    } else {
        fprintf(stderr, "usage: secret-undefined aes-ct|table|aes-ni\n");
        return 2;
    }

    struct _olm_aes256_key key;
    struct _olm_aes256_iv iv;
    uint8_t plain[100], cipher[112], back[112];
    for (int i = 0; i < 32; i++) key.key[i] = (uint8_t)(i * 37 + 5);
    for (int i = 0; i < 16; i++) iv.iv[i] = (uint8_t)(i * 11);
    for (int i = 0; i < 100; i++) plain[i] = (uint8_t)(i * 3 + 1);

    /* Lengths are public; every length mod 16 once, whole blocks and one past. */
    size_t total = 0;
    for (size_t length = 0; length <= 100; length += 7) {
        size_t cipher_length = aes_ct_encrypt_cbc_length(length);
        SECRET(&key, sizeof(key));
        SECRET(plain, sizeof(plain));
        encrypt(&key, &iv, plain, length, cipher);
        PUBLIC(cipher, sizeof(cipher)); /* ciphertext is public once made */

        SECRET(&key, sizeof(key));
        SECRET(cipher, sizeof(cipher)); /* and treated as secret for decryption */
        size_t got = decrypt(&key, &iv, cipher, cipher_length, back);
        PUBLIC(&got, sizeof(got));
        PUBLIC(back, sizeof(back));
        PUBLIC(&key, sizeof(key));
        PUBLIC(plain, sizeof(plain));
        if (got != length || memcmp(back, plain, length) != 0) {
            printf("%s: WRONG RESULT at length %zu\n", which, length);
            return 1;
        }
        total++;
    }
    printf("%s: %zu encrypt/decrypt round trips with key, plaintext and ciphertext undefined\n", which, total);
    return 0;
}
