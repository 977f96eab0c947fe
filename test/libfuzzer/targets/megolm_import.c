/* olm_init_inbound_group_session (session key: signed) and olm_import_inbound_group_session
 * (export), then a decrypt with the result. Mode byte: bit 0 = import; FUZZ_BINARY = payload
 * base64-encoded. */
#include "../megolm-fixture.h"

static FuzzMegolm megolm;
static void fuzz_setup(void) { fuzz_megolm(&megolm); }
static void fuzz_seeds(void) {
    fuzz_seed_base64(0, megolm.session_key, megolm.session_key_length);
    fuzz_seed_base64(1, megolm.exported, megolm.exported_length);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    size_t length;
    uint8_t *key = fuzz_payload(data, size, &length);
    OlmInboundGroupSession *session = olm_inbound_group_session(fuzz_malloc(olm_inbound_group_session_size()));
    size_t r = data[0] & 1 ? olm_import_inbound_group_session(session, key, length)
                           : olm_init_inbound_group_session(session, key, length);
    if (r != olm_error()) {
        uint32_t index;
        (void)olm_inbound_group_session_first_known_index(session);
        fuzz_group_decrypt(session, (const uint8_t *)megolm.messages[0], megolm.message_lengths[0], &index);
        size_t export_length = olm_export_inbound_group_session_length(session);
        uint8_t *exported = (uint8_t *)fuzz_malloc(export_length);
        olm_export_inbound_group_session(session, exported, export_length,
                                         olm_inbound_group_session_first_known_index(session));
        free(exported);
    }
    olm_clear_inbound_group_session(session);
    free(session);
    free(key);
    return 0;
}
