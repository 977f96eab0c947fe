/* olm_pk_decrypt (ephemeral key, MAC, ciphertext: the payload split at 0xff bytes) with a fixed
 * key, and olm_pk_key_from_private on arbitrary bytes. Mode byte: bit 0 = key_from_private;
 * FUZZ_BINARY = the ciphertext part base64-encoded. */
#include "../pk-fixture.h"

static FuzzPk pk;
static void fuzz_setup(void) { fuzz_pk(&pk); }
static void fuzz_seeds(void) {
    size_t e = strlen(pk.ephemeral), m = strlen(pk.mac), c = strlen(pk.ciphertext);
    uint8_t *seed = (uint8_t *)fuzz_malloc(e + m + c + 2);
    memcpy(seed, pk.ephemeral, e);
    seed[e] = 0xff;
    memcpy(seed + e + 1, pk.mac, m);
    seed[e + 1 + m] = 0xff;
    memcpy(seed + e + m + 2, pk.ciphertext, c);
    fuzz_seed_with_mode(0, seed, e + m + c + 2);
    /* binary: the ciphertext's decoded bytes */
    uint8_t *raw = (uint8_t *)fuzz_malloc(_olm_decode_base64_length(c));
    size_t raw_length = _olm_decode_base64((const uint8_t *)pk.ciphertext, c, raw);
    memcpy(seed + e + m + 2, raw, raw_length);
    fuzz_seed_with_mode(FUZZ_BINARY, seed, e + m + 2 + raw_length);
    fuzz_seed_with_mode(1, pk.private_key, sizeof(pk.private_key));
    free(raw);
    free(seed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    if (data[0] & 1) {
        OlmPkDecryption *d = olm_pk_decryption(fuzz_malloc(olm_pk_decryption_size()));
        uint8_t *key = fuzz_copy(data + 1, size - 1);
        size_t public_length = olm_pk_key_length();
        uint8_t *public_key = (uint8_t *)fuzz_malloc(public_length);
        size_t r = olm_pk_key_from_private(d, public_key, public_length, key, size - 1);
        if (size - 1 < olm_pk_private_key_length()) FUZZ_CHECK(r == olm_error());
        free(public_key);
        free(key);
        olm_clear_pk_decryption(d);
        free(d);
        return 0;
    }
    const uint8_t *parts[3] = {0};
    size_t lengths[3] = {0};
    if (fuzz_split(data + 1, size - 1, parts, lengths, 3) < 3) return 0;
    OlmPkDecryption *d = fuzz_pk_decryption(&pk);
    uint8_t *ephemeral = fuzz_copy(parts[0], lengths[0]), *mac = fuzz_copy(parts[1], lengths[1]), *ciphertext;
    size_t ciphertext_length;
    if (data[0] & FUZZ_BINARY) {
        ciphertext_length = _olm_encode_base64_length(lengths[2]);
        ciphertext = (uint8_t *)fuzz_malloc(ciphertext_length);
        _olm_encode_base64(parts[2], lengths[2], ciphertext);
    } else {
        ciphertext_length = lengths[2];
        ciphertext = fuzz_copy(parts[2], lengths[2]);
    }
    size_t max = olm_pk_max_plaintext_length(d, ciphertext_length);
    if (max == olm_error()) { /* not a base64 length: the callers refuse it before decrypting */
        free(ciphertext);
        free(mac);
        free(ephemeral);
        olm_clear_pk_decryption(d);
        free(d);
        return 0;
    }
    uint8_t *plaintext = (uint8_t *)fuzz_malloc(max);
    size_t r = olm_pk_decrypt(d, ephemeral, lengths[0], mac, lengths[1], ciphertext, ciphertext_length, plaintext, max);
    if (r != olm_error()) FUZZ_CHECK(r <= max);
    free(plaintext);
    free(ciphertext);
    free(mac);
    free(ephemeral);
    olm_clear_pk_decryption(d);
    free(d);
    return 0;
}
