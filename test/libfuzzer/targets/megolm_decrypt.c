/* olm_group_decrypt on an inbound session from a fixed pickle. Mode byte: FUZZ_BINARY = payload
 * base64-encoded. (Mutated messages fail the signature; megolm_sender.c re-signs them.) */
#include "../megolm-fixture.h"

static FuzzMegolm megolm;
static void fuzz_setup(void) { fuzz_megolm(&megolm); }
static void fuzz_seeds(void) {
    for (int i = 0; i < 2; i++) fuzz_seed_base64(0, megolm.messages[i], megolm.message_lengths[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    size_t length;
    uint8_t *message = fuzz_payload(data, size, &length);
    OlmInboundGroupSession *session = fuzz_unpickle_inbound(megolm.inbound_pickle);
    uint32_t index;
    if (fuzz_group_decrypt(session, message, length, &index) == olm_error())
        FUZZ_CHECK(olm_inbound_group_session_last_error_code(session) != OLM_SUCCESS);
    olm_clear_inbound_group_session(session);
    free(session);
    free(message);
    return 0;
}
