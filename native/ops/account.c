/* Accounts: identity keys, one-time and fallback keys, signatures, pickles. */
#include "ops.h"
#include "patterns.h"

OP_RANDOM_INIT(create_account, OlmAccount, account, olm_create_account_random_length, olm_create_account)
OP_RANDOM_INIT(account_generate_fallback_key, OlmAccount, account, olm_account_generate_fallback_key_random_length,
               olm_account_generate_fallback_key)
OP_TEXT_GETTER(account_identity_keys, OlmAccount, account, olm_account_identity_keys_length, olm_account_identity_keys)
OP_TEXT_GETTER(account_one_time_keys, OlmAccount, account, olm_account_one_time_keys_length, olm_account_one_time_keys)
OP_TEXT_GETTER(account_fallback_key, OlmAccount, account, olm_account_fallback_key_length, olm_account_fallback_key)
OP_TEXT_GETTER(account_unpublished_fallback_key, OlmAccount, account, olm_account_unpublished_fallback_key_length,
               olm_account_unpublished_fallback_key)
OP_PICKLE(account, OlmAccount)

int olm_op_account_sign(OlmAccount *account, const void *message, size_t message_length, void *out, size_t out_length) {
    OP_SIZED(account, account, olm_account_signature_length(account),
             olm_account_sign(account, message, message_length, out, need));
}

int olm_op_account_generate_one_time_keys(OlmAccount *account, size_t count, void *random_state,
                                          size_t random_state_length) {
    OP_BURN_ONCE;
    op_random random;
    int error = op_random_take(&random, random_state, random_state_length,
                               olm_account_generate_one_time_keys_random_length(account, count));
    if (error != 0) return error;
    size_t r = olm_account_generate_one_time_keys(account, count, random.bytes, random.length);
    op_random_release(&random);
    return OP_RESULT(account, account, r, 0);
}
