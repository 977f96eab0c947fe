/* The PK fixture for the libFuzzer targets: a decryption key from fixed bytes, its pickle and
 * public key, and one real encrypted message (ephemeral key, MAC, ciphertext). */
#ifndef OLM_UNIVERSAL_FUZZ_PK_FIXTURE_H
#define OLM_UNIVERSAL_FUZZ_PK_FIXTURE_H

#include "fuzz-common.h"
#include "olm/pk.h"

typedef struct {
    uint8_t private_key[32];
    char public_key[64], *pickle, *ciphertext, *mac, *ephemeral;
} FuzzPk;

static OlmPkDecryption *fuzz_pk_decryption(const FuzzPk *f) {
    OlmPkDecryption *d = olm_pk_decryption(fuzz_malloc(olm_pk_decryption_size()));
    char public_key[64];
    FUZZ_CHECK(olm_pk_key_from_private(d, public_key, olm_pk_key_length(), f->private_key, sizeof(f->private_key)) !=
               olm_error());
    return d;
}

static void fuzz_pk(FuzzPk *f) {
    fuzz_random(f->private_key, sizeof(f->private_key));
    OlmPkDecryption *d = fuzz_pk_decryption(f);
    FUZZ_CHECK(olm_pk_key_from_private(d, f->public_key, olm_pk_key_length(), f->private_key, 32) != olm_error());
    f->public_key[olm_pk_key_length()] = 0;
    size_t length = olm_pickle_pk_decryption_length(d);
    f->pickle = fuzz_text(length);
    FUZZ_CHECK(olm_pickle_pk_decryption(d, FUZZ_PICKLE_KEY, FUZZ_PICKLE_KEY_LENGTH, f->pickle, length) != olm_error());
    f->pickle[length] = 0;

    OlmPkEncryption *e = olm_pk_encryption(fuzz_malloc(olm_pk_encryption_size()));
    FUZZ_CHECK(olm_pk_encryption_set_recipient_key(e, f->public_key, strlen(f->public_key)) != olm_error());
    const char *plaintext = "a backup key";
    size_t ct_length = olm_pk_ciphertext_length(e, strlen(plaintext)), mac_length = olm_pk_mac_length(e);
    size_t random_length = olm_pk_encrypt_random_length(e);
    uint8_t *random = (uint8_t *)fuzz_malloc(random_length);
    fuzz_random(random, random_length);
    f->ciphertext = fuzz_text(ct_length);
    f->mac = fuzz_text(mac_length);
    f->ephemeral = fuzz_text(olm_pk_key_length());
    FUZZ_CHECK(olm_pk_encrypt(e, plaintext, strlen(plaintext), f->ciphertext, ct_length, f->mac, mac_length,
                              f->ephemeral, olm_pk_key_length(), random, random_length) != olm_error());
    f->ciphertext[ct_length] = f->mac[mac_length] = f->ephemeral[olm_pk_key_length()] = 0;
    free(random);
    olm_clear_pk_encryption(e);
    olm_clear_pk_decryption(d);
    free(e);
    free(d);
}

#endif
