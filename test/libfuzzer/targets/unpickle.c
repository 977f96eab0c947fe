/* Every olm_unpickle_*: account, session, inbound and outbound group session, PK decryption.
 * Mode byte: bits 0-2 pick the kind; bit 3 set = the payload is a pickle's plaintext, which the
 * target encrypts under the pickle key first (libolm's own _olm_enc_output), so mutations reach
 * the pickle parsers past the MAC; clear = the payload is the pickle text (FUZZ_BINARY: its
 * base64-decoded bytes). A pickle that loads is pickled again. */
#include "../megolm-fixture.h"
#include "../pk-fixture.h"
#include "olm/pickle_encoding.h"

#define PLAINTEXT 8
enum { ACCOUNT, SESSION, INBOUND, OUTBOUND, PK, KINDS };
static const char *pickles[KINDS];
static FuzzOlm olm;
static FuzzMegolm megolm;
static FuzzPk pk;

static void fuzz_setup(void) {
    fuzz_olm(&olm);
    fuzz_megolm(&megolm);
    fuzz_pk(&pk);
    pickles[ACCOUNT] = olm.bob_account_pickle;
    pickles[SESSION] = olm.bob_session_pickle;
    pickles[INBOUND] = megolm.inbound_pickle;
    pickles[OUTBOUND] = megolm.outbound_pickle;
    pickles[PK] = pk.pickle;
}
static void fuzz_seeds(void) {
    for (uint8_t kind = 0; kind < KINDS; kind++) {
        size_t length = strlen(pickles[kind]);
        fuzz_seed_base64(kind, pickles[kind], length);
        uint8_t *copy = fuzz_copy((const uint8_t *)pickles[kind], length);
        enum OlmErrorCode error;
        size_t raw = _olm_enc_input((const uint8_t *)FUZZ_PICKLE_KEY, FUZZ_PICKLE_KEY_LENGTH, copy, length, &error);
        FUZZ_CHECK(raw != (size_t)-1);
        fuzz_seed_with_mode(kind | PLAINTEXT, copy, raw);
        free(copy);
    }
}

/* Unpickles; on success pickles again into an exact-size buffer. */
static void load(uint8_t kind, uint8_t *pickle, size_t length) {
    const char *key = FUZZ_PICKLE_KEY;
    const size_t key_length = FUZZ_PICKLE_KEY_LENGTH;
    switch (kind) {
        case ACCOUNT: {
            OlmAccount *a = olm_account(fuzz_malloc(olm_account_size()));
            if (olm_unpickle_account(a, key, key_length, pickle, length) != olm_error()) {
                size_t n = olm_pickle_account_length(a);
                uint8_t *out = (uint8_t *)fuzz_malloc(n);
                FUZZ_CHECK(olm_pickle_account(a, key, key_length, out, n) == n);
                free(out);
                n = olm_account_identity_keys_length(a);
                out = (uint8_t *)fuzz_malloc(n);
                FUZZ_CHECK(olm_account_identity_keys(a, out, n) == n);
                free(out);
                n = olm_account_one_time_keys_length(a);
                out = (uint8_t *)fuzz_malloc(n);
                FUZZ_CHECK(olm_account_one_time_keys(a, out, n) == n);
                free(out);
            }
            olm_clear_account(a);
            free(a);
            break;
        }
        case SESSION: {
            OlmSession *s = olm_session(fuzz_malloc(olm_session_size()));
            if (olm_unpickle_session(s, key, key_length, pickle, length) != olm_error()) {
                size_t n = olm_pickle_session_length(s);
                uint8_t *out = (uint8_t *)fuzz_malloc(n);
                FUZZ_CHECK(olm_pickle_session(s, key, key_length, out, n) == n);
                free(out);
                fuzz_decrypt(s, OLM_MESSAGE_TYPE_MESSAGE, olm.normal_message, olm.normal_length);
            }
            olm_clear_session(s);
            free(s);
            break;
        }
        case INBOUND: {
            OlmInboundGroupSession *s = olm_inbound_group_session(fuzz_malloc(olm_inbound_group_session_size()));
            if (olm_unpickle_inbound_group_session(s, key, key_length, pickle, length) != olm_error()) {
                size_t n = olm_pickle_inbound_group_session_length(s);
                uint8_t *out = (uint8_t *)fuzz_malloc(n);
                FUZZ_CHECK(olm_pickle_inbound_group_session(s, key, key_length, out, n) == n);
                free(out);
                uint32_t index;
                fuzz_group_decrypt(s, (const uint8_t *)megolm.messages[1], megolm.message_lengths[1], &index);
            }
            olm_clear_inbound_group_session(s);
            free(s);
            break;
        }
        case OUTBOUND: {
            OlmOutboundGroupSession *s = olm_outbound_group_session(fuzz_malloc(olm_outbound_group_session_size()));
            if (olm_unpickle_outbound_group_session(s, key, key_length, pickle, length) != olm_error()) {
                size_t n = olm_pickle_outbound_group_session_length(s);
                uint8_t *out = (uint8_t *)fuzz_malloc(n);
                FUZZ_CHECK(olm_pickle_outbound_group_session(s, key, key_length, out, n) == n);
                free(out);
                n = olm_group_encrypt_message_length(s, 5);
                out = (uint8_t *)fuzz_malloc(n);
                FUZZ_CHECK(olm_group_encrypt(s, (const uint8_t *)"hello", 5, out, n) == n);
                free(out);
            }
            olm_clear_outbound_group_session(s);
            free(s);
            break;
        }
        case PK: {
            OlmPkDecryption *d = olm_pk_decryption(fuzz_malloc(olm_pk_decryption_size()));
            size_t public_length = olm_pk_key_length();
            uint8_t *public_key = (uint8_t *)fuzz_malloc(public_length);
            if (olm_unpickle_pk_decryption(d, key, key_length, pickle, length, public_key, public_length) !=
                olm_error()) {
                size_t n = olm_pickle_pk_decryption_length(d);
                uint8_t *out = (uint8_t *)fuzz_malloc(n);
                FUZZ_CHECK(olm_pickle_pk_decryption(d, key, key_length, out, n) == n);
                free(out);
            }
            free(public_key);
            olm_clear_pk_decryption(d);
            free(d);
            break;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    uint8_t kind = data[0] & 7;
    if (kind >= KINDS) return 0;
    if (data[0] & PLAINTEXT) {
        size_t raw = size - 1, length = _olm_enc_output_length(raw);
        uint8_t *pickle = (uint8_t *)fuzz_malloc(length);
        memcpy(_olm_enc_output_pos(pickle, raw), data + 1, raw);
        FUZZ_CHECK(_olm_enc_output((const uint8_t *)FUZZ_PICKLE_KEY, FUZZ_PICKLE_KEY_LENGTH, pickle, raw) == length);
        load(kind, pickle, length);
        free(pickle);
    } else {
        size_t length;
        uint8_t *pickle = fuzz_payload(data, size, &length);
        load(kind, pickle, length);
        free(pickle);
    }
    return 0;
}
