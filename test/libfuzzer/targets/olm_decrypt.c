/* olm_decrypt on Bob's session (from a fixed pickle), both message types.
 * Mode byte: bit 0 = message type (0 pre-key, 1 normal); FUZZ_BINARY = payload base64-encoded. */
#include "../fuzz-common.h"

static FuzzOlm olm;
static void fuzz_setup(void) { fuzz_olm(&olm); }
static void fuzz_seeds(void) {
    fuzz_seed_base64(OLM_MESSAGE_TYPE_PRE_KEY, olm.prekey_message, olm.prekey_length);
    fuzz_seed_base64(OLM_MESSAGE_TYPE_MESSAGE, olm.normal_message, olm.normal_length);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    size_t type = data[0] & 1, length;
    OlmSession *session = fuzz_unpickle_session(olm.bob_session_pickle);
    uint8_t *message = fuzz_payload(data, size, &length);
    size_t r = fuzz_decrypt(session, type, (const char *)message, length);
    /* Decrypting never succeeds with a plaintext the buffer could not hold (fuzz_decrypt sizes it
     * by olm_decrypt_max_plaintext_length); an error leaves a real error code. */
    if (r == olm_error()) FUZZ_CHECK(olm_session_last_error_code(session) != OLM_SUCCESS);
    free(message);
    olm_clear_session(session);
    free(session);
    return 0;
}
