/* The Megolm fixture for the libFuzzer targets: an outbound session from fixed random bytes, its
 * session key and export, an inbound session's pickle, and two real messages. */
#ifndef OLM_UNIVERSAL_FUZZ_MEGOLM_FIXTURE_H
#define OLM_UNIVERSAL_FUZZ_MEGOLM_FIXTURE_H

#include "fuzz-common.h"
#include "olm/inbound_group_session.h"
#include "olm/outbound_group_session.h"

typedef struct {
    char *session_key, *exported, *inbound_pickle, *outbound_pickle, *messages[2];
    size_t session_key_length, exported_length, message_lengths[2];
} FuzzMegolm;

static void fuzz_megolm(FuzzMegolm *f) {
    OlmOutboundGroupSession *out = olm_outbound_group_session(fuzz_malloc(olm_outbound_group_session_size()));
    size_t n = olm_init_outbound_group_session_random_length(out);
    uint8_t *random = (uint8_t *)fuzz_malloc(n);
    fuzz_random(random, n);
    FUZZ_CHECK(olm_init_outbound_group_session(out, random, n) != olm_error());
    free(random);
    f->session_key_length = olm_outbound_group_session_key_length(out);
    f->session_key = fuzz_text(f->session_key_length);
    FUZZ_CHECK(olm_outbound_group_session_key(out, (uint8_t *)f->session_key, f->session_key_length) != olm_error());
    f->session_key[f->session_key_length] = 0;
    static const char *const plaintexts[2] = {"Meet at the north gate at 10.", ""};
    for (int i = 0; i < 2; i++) {
        size_t length = olm_group_encrypt_message_length(out, strlen(plaintexts[i]));
        f->messages[i] = fuzz_text(length);
        FUZZ_CHECK(olm_group_encrypt(out, (const uint8_t *)plaintexts[i], strlen(plaintexts[i]),
                                     (uint8_t *)f->messages[i], length) != olm_error());
        f->messages[i][length] = 0;
        f->message_lengths[i] = length;
    }
    size_t length = olm_pickle_outbound_group_session_length(out);
    f->outbound_pickle = fuzz_text(length);
    FUZZ_CHECK(olm_pickle_outbound_group_session(out, FUZZ_PICKLE_KEY, FUZZ_PICKLE_KEY_LENGTH, f->outbound_pickle,
                                                 length) != olm_error());
    f->outbound_pickle[length] = 0;

    OlmInboundGroupSession *in = olm_inbound_group_session(fuzz_malloc(olm_inbound_group_session_size()));
    uint8_t *copy = fuzz_copy((const uint8_t *)f->session_key, f->session_key_length);
    FUZZ_CHECK(olm_init_inbound_group_session(in, copy, f->session_key_length) != olm_error());
    free(copy);
    length = olm_pickle_inbound_group_session_length(in);
    f->inbound_pickle = fuzz_text(length);
    FUZZ_CHECK(olm_pickle_inbound_group_session(in, FUZZ_PICKLE_KEY, FUZZ_PICKLE_KEY_LENGTH, f->inbound_pickle,
                                                length) != olm_error());
    f->inbound_pickle[length] = 0;
    f->exported_length = olm_export_inbound_group_session_length(in);
    f->exported = fuzz_text(f->exported_length);
    FUZZ_CHECK(olm_export_inbound_group_session(in, (uint8_t *)f->exported, f->exported_length, 0) != olm_error());
    f->exported[f->exported_length] = 0;
    olm_clear_inbound_group_session(in);
    olm_clear_outbound_group_session(out);
    free(in);
    free(out);
}

static OlmInboundGroupSession *fuzz_unpickle_inbound(const char *pickle) {
    OlmInboundGroupSession *session = olm_inbound_group_session(fuzz_malloc(olm_inbound_group_session_size()));
    size_t length = strlen(pickle);
    uint8_t *copy = fuzz_copy((const uint8_t *)pickle, length);
    FUZZ_CHECK(olm_unpickle_inbound_group_session(session, FUZZ_PICKLE_KEY, FUZZ_PICKLE_KEY_LENGTH, copy, length) !=
               olm_error());
    free(copy);
    return session;
}

/* olm_group_decrypt of a copy of message; returns its result (plaintext discarded). */
static size_t fuzz_group_decrypt(OlmInboundGroupSession *session, const uint8_t *message, size_t length,
                                 uint32_t *index) {
    uint8_t *copy = fuzz_copy(message, length);
    size_t max = olm_group_decrypt_max_plaintext_length(session, copy, length);
    free(copy);
    if (max == olm_error()) return max;
    copy = fuzz_copy(message, length);
    uint8_t *plaintext = (uint8_t *)fuzz_malloc(max);
    size_t r = olm_group_decrypt(session, copy, length, plaintext, max, index);
    if (r != olm_error()) FUZZ_CHECK(r <= max);
    free(copy);
    free(plaintext);
    return r;
}

#endif
