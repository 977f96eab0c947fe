/* Utility: hashing (ed25519 verification is one libolm call already, reached directly). */
#include "op.h"
#include "ops.h"

int olm_op_sha256(OlmUtility *utility, const void *input, size_t input_length, void *out, size_t out_length) {
    OP_SIZED(utility, utility, olm_sha256_length(utility), olm_sha256(utility, input, input_length, out, need));
}
