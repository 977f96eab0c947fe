/* SAS: the key exchange and the MACs of interactive verification. */
#include "ops.h"
#include "patterns.h"

OP_RANDOM_INIT(create_sas, OlmSAS, sas, olm_create_sas_random_length, olm_create_sas)
OP_TEXT_GETTER(sas_pubkey, OlmSAS, sas, olm_sas_pubkey_length, olm_sas_get_pubkey)

/* olm_op_<mac>(sas, input, input_length, info, info_length, out, out_length). */
#define OP_SAS_MAC(mac)                                                                                         \
    int olm_op_##mac(OlmSAS *sas, const void *input, size_t input_length, const void *info, size_t info_length, \
                     void *out, size_t out_length) {                                                            \
        OP_SIZED(sas, sas, olm_sas_mac_length(sas),                                                             \
                 olm_##mac(sas, input, input_length, info, info_length, out, need));                            \
    }

OP_SAS_MAC(sas_calculate_mac)
OP_SAS_MAC(sas_calculate_mac_fixed_base64)
OP_SAS_MAC(sas_calculate_mac_long_kdf)
