/* Megolm group sessions: the sender's ratchet (outbound) and each receiver's copy (inbound). */
#include "ops.h"
#include "patterns.h"

OP_RANDOM_INIT(init_outbound_group_session, OlmOutboundGroupSession, outbound_group_session,
               olm_init_outbound_group_session_random_length, olm_init_outbound_group_session)
OP_TEXT_GETTER(outbound_group_session_id, OlmOutboundGroupSession, outbound_group_session,
               olm_outbound_group_session_id_length, olm_outbound_group_session_id)
OP_TEXT_GETTER(outbound_group_session_key, OlmOutboundGroupSession, outbound_group_session,
               olm_outbound_group_session_key_length, olm_outbound_group_session_key)
OP_TEXT_GETTER(inbound_group_session_id, OlmInboundGroupSession, inbound_group_session,
               olm_inbound_group_session_id_length, olm_inbound_group_session_id)
OP_PICKLE(outbound_group_session, OlmOutboundGroupSession)
OP_PICKLE(inbound_group_session, OlmInboundGroupSession)

int olm_op_group_encrypt(OlmOutboundGroupSession *session, const void *plaintext, size_t plaintext_length, void *out,
                         size_t out_length) {
    OP_SIZED(outbound_group_session, session, olm_group_encrypt_message_length(session, plaintext_length),
             olm_group_encrypt(session, plaintext, plaintext_length, out, need));
}

int olm_op_group_decrypt(OlmInboundGroupSession *session, void *message, size_t message_length, void *out,
                         size_t out_length, uint32_t *index) {
    OP_BURN_ONCE;
    /* As olm_op_decrypt: the message's length always holds its plaintext, and the length query
   * runs first, on a copy in `out`, for the codes the API has always given. */
    OP_NEED(message_length, out_length);
    memcpy(out, message, message_length);
    size_t r = olm_group_decrypt_max_plaintext_length(session, out, message_length);
    if (r != olm_error()) r = olm_group_decrypt(session, message, message_length, out, out_length, index);
    op_clear_message_copy(out, r, message_length);
    return OP_RESULT(inbound_group_session, session, r, r);
}

int olm_op_export_inbound_group_session(OlmInboundGroupSession *session, uint32_t message_index, void *out,
                                        size_t out_length) {
    OP_SIZED(inbound_group_session, session, olm_export_inbound_group_session_length(session),
             olm_export_inbound_group_session(session, out, need, message_index));
}
