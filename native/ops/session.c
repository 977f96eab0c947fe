/* Olm sessions: set-up, encryption and decryption, ids, pickles. */
#include "ops.h"
#include "patterns.h"

OP_TEXT_GETTER(session_id, OlmSession, session, olm_session_id_length, olm_session_id)
OP_PICKLE(session, OlmSession)

int olm_op_create_outbound_session(OlmSession *session, OlmAccount *account, const void *their_identity_key,
                                   size_t their_identity_key_length, const void *their_one_time_key,
                                   size_t their_one_time_key_length, void *random_state, size_t random_state_length) {
    OP_BURN_ONCE;
    op_random random;
    int error =
        op_random_take(&random, random_state, random_state_length, olm_create_outbound_session_random_length(session));
    if (error != 0) return error;
    size_t r = olm_create_outbound_session(session, account, their_identity_key, their_identity_key_length,
                                           their_one_time_key, their_one_time_key_length, random.bytes, random.length);
    op_random_release(&random);
    return OP_RESULT(session, session, r, 0);
}

int olm_op_encrypt(OlmSession *session, const void *plaintext, size_t plaintext_length, void *random_state,
                   size_t random_state_length, void *out, size_t out_length, uint32_t *type) {
    OP_BURN_ONCE;
    size_t need = olm_encrypt_message_length(session, plaintext_length);
    OP_NEED(need, out_length);
    size_t message_type = olm_encrypt_message_type(session);
    if (message_type == olm_error()) return -(int)olm_session_last_error_code(session);
    op_random random;
    int error = op_random_take(&random, random_state, random_state_length, olm_encrypt_random_length(session));
    if (error != 0) return error;
    size_t r = olm_encrypt(session, plaintext, plaintext_length, random.bytes, random.length, out, need);
    op_random_release(&random);
    *type = (uint32_t)message_type;
    return OP_RESULT(session, session, r, need);
}

int olm_op_decrypt(OlmSession *session, size_t message_type, void *message, size_t message_length, void *out,
                   size_t out_length) {
    OP_BURN_ONCE;
    /* A message is at least as long as its plaintext: `out` always fits it. */
    OP_NEED(message_length, out_length);
    /* The length query first, on a copy in `out` (it decodes in place): it refuses a bad message
   * with the codes the API has always given (olm_decrypt alone reports some differently, e.g. a
   * normal message passed as pre-key is BAD_MESSAGE_VERSION there, BAD_MESSAGE_FORMAT here). */
    memcpy(out, message, message_length);
    size_t r = olm_decrypt_max_plaintext_length(session, message_type, out, message_length);
    if (r != olm_error()) r = olm_decrypt(session, message_type, message, message_length, out, out_length);
    op_clear_message_copy(out, r, message_length);
    return OP_RESULT(session, session, r, r);
}
