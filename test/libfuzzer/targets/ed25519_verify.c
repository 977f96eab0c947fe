/* olm_ed25519_verify (olm_utility) on arbitrary key, message and signature: the payload split at
 * 0xff bytes, key and signature as base64 text. Mode byte: FUZZ_BINARY = key and signature given
 * as raw bytes, base64-encoded by the target. */
#include "../fuzz-common.h"

static FuzzOlm olm;
static char signature[128];
static const char *signed_message = "a signed message";
static void fuzz_setup(void) {
    fuzz_olm(&olm);
    size_t n = olm_account_signature_length(olm.alice.account);
    FUZZ_CHECK(olm_account_sign(olm.alice.account, signed_message, strlen(signed_message), signature, n) !=
               olm_error());
    signature[n] = 0;
}
static void fuzz_seeds(void) {
    char seed[512];
    int n = snprintf(seed, sizeof(seed), "%s\xff%s\xff%s", olm.alice.identity_ed, signed_message, signature);
    fuzz_seed_with_mode(0, seed, (size_t)n);
}

static uint8_t *encoded(const uint8_t *part, size_t length, int binary, size_t *out_length) {
    if (!binary) {
        *out_length = length;
        return fuzz_copy(part, length);
    }
    *out_length = _olm_encode_base64_length(length);
    uint8_t *out = (uint8_t *)fuzz_malloc(*out_length);
    _olm_encode_base64(part, length, out);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    const uint8_t *parts[3] = {0};
    size_t lengths[3] = {0};
    if (fuzz_split(data + 1, size - 1, parts, lengths, 3) < 3) return 0;
    int binary = data[0] & FUZZ_BINARY;
    size_t key_length, signature_length;
    uint8_t *key = encoded(parts[0], lengths[0], binary, &key_length);
    uint8_t *message = fuzz_copy(parts[1], lengths[1]);
    uint8_t *sig = encoded(parts[2], lengths[2], binary, &signature_length);
    OlmUtility *utility = olm_utility(fuzz_malloc(olm_utility_size()));
    size_t r = olm_ed25519_verify(utility, key, key_length, message, lengths[1], sig, signature_length);
    FUZZ_CHECK(r == 0 || r == olm_error());
    olm_clear_utility(utility);
    free(utility);
    free(sig);
    free(message);
    free(key);
    return 0;
}
