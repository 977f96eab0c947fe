/* SAS: olm_sas_set_their_key with arbitrary text, then generate_bytes and the three MAC
 * calculations on arbitrary input and info. Payload split at 0xff: key, input, info. */
#include "../fuzz-common.h"
#include "olm/sas.h"

static uint8_t sas_random[32];
static char their_key[64];
static void fuzz_setup(void) {
    fuzz_random(sas_random, sizeof(sas_random));
    OlmSAS *other = olm_sas(fuzz_malloc(olm_sas_size()));
    uint8_t random[32];
    fuzz_random(random, sizeof(random));
    FUZZ_CHECK(olm_create_sas(other, random, sizeof(random)) != olm_error());
    FUZZ_CHECK(olm_sas_get_pubkey(other, their_key, olm_sas_pubkey_length(other)) != olm_error());
    their_key[olm_sas_pubkey_length(other)] = 0;
    olm_clear_sas(other);
    free(other);
}
static void fuzz_seeds(void) {
    char seed[256];
    int n = snprintf(seed, sizeof(seed), "%s\xff%s\xff%s", their_key, "ed25519:DEVICE", "MATRIX_KEY_VERIFICATION_MAC");
    fuzz_seed_with_mode(0, seed, (size_t)n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    const uint8_t *parts[3] = {0};
    size_t lengths[3] = {0};
    if (fuzz_split(data + 1, size - 1, parts, lengths, 3) < 3) return 0;
    OlmSAS *sas = olm_sas(fuzz_malloc(olm_sas_size()));
    FUZZ_CHECK(olm_create_sas(sas, sas_random, sizeof(sas_random)) != olm_error());
    uint8_t *key = fuzz_copy(parts[0], lengths[0]), *input = fuzz_copy(parts[1], lengths[1]),
            *info = fuzz_copy(parts[2], lengths[2]);
    if (olm_sas_set_their_key(sas, key, lengths[0]) != olm_error()) {
        FUZZ_CHECK(olm_sas_is_their_key_set(sas));
        size_t mac_length = olm_sas_mac_length(sas);
        uint8_t *mac = (uint8_t *)fuzz_malloc(mac_length);
        FUZZ_CHECK(olm_sas_calculate_mac(sas, input, lengths[1], info, lengths[2], mac, mac_length) != olm_error());
        FUZZ_CHECK(olm_sas_calculate_mac_fixed_base64(sas, input, lengths[1], info, lengths[2], mac, mac_length) !=
                   olm_error());
        FUZZ_CHECK(olm_sas_calculate_mac_long_kdf(sas, input, lengths[1], info, lengths[2], mac, mac_length) !=
                   olm_error());
        free(mac);
        size_t bytes_length = data[0] % 64;
        uint8_t *bytes = (uint8_t *)fuzz_malloc(bytes_length);
        FUZZ_CHECK(olm_sas_generate_bytes(sas, info, lengths[2], bytes, bytes_length) != olm_error());
        free(bytes);
    } else {
        FUZZ_CHECK(!olm_sas_is_their_key_set(sas));
    }
    free(info);
    free(input);
    free(key);
    olm_clear_sas(sas);
    free(sas);
    return 0;
}
