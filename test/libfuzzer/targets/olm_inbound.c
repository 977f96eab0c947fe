/* Inbound session creation and matching from a pre-key message: olm_create_inbound_session(_from)
 * on Bob's account (fixed pickle, one unused one-time key) and olm_matches_inbound_session(_from)
 * on Bob's session. Mode byte: bits 0-1 pick the call; bit 2 = "_from" with a wrong identity key;
 * FUZZ_BINARY = payload base64-encoded. */
#include "../fuzz-common.h"

static FuzzOlm olm;
static void fuzz_setup(void) { fuzz_olm(&olm); }
static void fuzz_seeds(void) {
    for (uint8_t call = 0; call < 4; call++) fuzz_seed_base64(call, olm.prekey_message, olm.prekey_length);
    fuzz_seed_base64(1 | 4, olm.prekey_message, olm.prekey_length);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    size_t length;
    uint8_t *message = fuzz_payload(data, size, &length);
    const char *their_key = data[0] & 4 ? olm.bob.identity_curve : olm.alice.identity_curve;
    size_t r;
    switch (data[0] & 3) {
        case 0:
        case 1: {
            OlmAccount *account = fuzz_unpickle_account(olm.bob_account_pickle);
            OlmSession *session = olm_session(fuzz_malloc(olm_session_size()));
            r = data[0] & 1
                    ? olm_create_inbound_session_from(session, account, their_key, strlen(their_key), message, length)
                    : olm_create_inbound_session(session, account, message, length);
            if (r != olm_error()) {
                /* A session made from this message must match it. */
                uint8_t *again = fuzz_payload(data, size, &length);
                FUZZ_CHECK(olm_matches_inbound_session(session, again, length) == 1);
                free(again);
            }
            olm_clear_session(session);
            olm_clear_account(account);
            free(session);
            free(account);
            break;
        }
        default: {
            OlmSession *session = fuzz_unpickle_session(olm.bob_session_pickle);
            r = data[0] & 1 ? olm_matches_inbound_session_from(session, their_key, strlen(their_key), message, length)
                            : olm_matches_inbound_session(session, message, length);
            FUZZ_CHECK(r == 0 || r == 1 || r == olm_error());
            olm_clear_session(session);
            free(session);
        }
    }
    free(message);
    return 0;
}
