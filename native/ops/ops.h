/* The operations layer: one C function per public operation of olm-universal, compiled into the
 * native addon and the WASM module alike, so each operation crosses from JavaScript into C once.
 * Each one sizes its output, takes the randomness it needs, calls libolm and wipes what it used.
 * Listed with libolm's functions by scripts/olm-functions.cjs: both bindings reach them the way
 * they reach libolm (shapes in src/binding/functions.ts).
 *
 * Results: an int. Negative: -code, the libolm OlmErrorCode of the failure. Otherwise the length
 * written to `out`; a result larger than out_length means `out` was too short: nothing was done,
 * and the result is the length needed (call again with that much).
 * Randomness: `random_state` is the seeded generator's state (load({ insecureSeed })), advanced in
 * place, or empty (random_state_length 0) for the operating system's CSPRNG. */
#ifndef OLM_UNIVERSAL_OPS_H
#define OLM_UNIVERSAL_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "olm/inbound_group_session.h"
#include "olm/olm.h"
#include "olm/olm_export.h"
#include "olm/outbound_group_session.h"
#include "olm/pk.h"
#include "olm/sas.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Random bytes (PkSigning.generateSeed). */
OLM_EXPORT int olm_op_random(void *random_state, size_t random_state_length, void *out, size_t out_length);

/* Utility */
OLM_EXPORT int olm_op_sha256(OlmUtility *utility, const void *input, size_t input_length, void *out, size_t out_length);

/* Account */
OLM_EXPORT int olm_op_create_account(OlmAccount *account, void *random_state, size_t random_state_length);
OLM_EXPORT int olm_op_account_identity_keys(OlmAccount *account, void *out, size_t out_length);
OLM_EXPORT int olm_op_account_sign(OlmAccount *account, const void *message, size_t message_length, void *out,
                                   size_t out_length);
OLM_EXPORT int olm_op_account_one_time_keys(OlmAccount *account, void *out, size_t out_length);
OLM_EXPORT int olm_op_account_generate_one_time_keys(OlmAccount *account, size_t count, void *random_state,
                                                     size_t random_state_length);
OLM_EXPORT int olm_op_account_generate_fallback_key(OlmAccount *account, void *random_state,
                                                    size_t random_state_length);
OLM_EXPORT int olm_op_account_fallback_key(OlmAccount *account, void *out, size_t out_length);
OLM_EXPORT int olm_op_account_unpublished_fallback_key(OlmAccount *account, void *out, size_t out_length);
OLM_EXPORT int olm_op_pickle_account(OlmAccount *account, const void *key, size_t key_length, void *out,
                                     size_t out_length);

/* Session */
OLM_EXPORT int olm_op_create_outbound_session(OlmSession *session, OlmAccount *account, const void *their_identity_key,
                                              size_t their_identity_key_length, const void *their_one_time_key,
                                              size_t their_one_time_key_length, void *random_state,
                                              size_t random_state_length);
OLM_EXPORT int olm_op_session_id(OlmSession *session, void *out, size_t out_length);
/* Writes the message type (0 pre-key, 1 normal) to *type; returns the message's length. */
OLM_EXPORT int olm_op_encrypt(OlmSession *session, const void *plaintext, size_t plaintext_length, void *random_state,
                              size_t random_state_length, void *out, size_t out_length, uint32_t *type);
/* `message` is base64-decoded in place. A plaintext is never longer than its message. */
OLM_EXPORT int olm_op_decrypt(OlmSession *session, size_t message_type, void *message, size_t message_length, void *out,
                              size_t out_length);
OLM_EXPORT int olm_op_pickle_session(OlmSession *session, const void *key, size_t key_length, void *out,
                                     size_t out_length);

/* Megolm */
OLM_EXPORT int olm_op_init_outbound_group_session(OlmOutboundGroupSession *session, void *random_state,
                                                  size_t random_state_length);
OLM_EXPORT int olm_op_group_encrypt(OlmOutboundGroupSession *session, const void *plaintext, size_t plaintext_length,
                                    void *out, size_t out_length);
OLM_EXPORT int olm_op_outbound_group_session_id(OlmOutboundGroupSession *session, void *out, size_t out_length);
OLM_EXPORT int olm_op_outbound_group_session_key(OlmOutboundGroupSession *session, void *out, size_t out_length);
OLM_EXPORT int olm_op_pickle_outbound_group_session(OlmOutboundGroupSession *session, const void *key,
                                                    size_t key_length, void *out, size_t out_length);
/* `message` is base64-decoded in place; the message index goes to *index. */
OLM_EXPORT int olm_op_group_decrypt(OlmInboundGroupSession *session, void *message, size_t message_length, void *out,
                                    size_t out_length, uint32_t *index);
OLM_EXPORT int olm_op_inbound_group_session_id(OlmInboundGroupSession *session, void *out, size_t out_length);
OLM_EXPORT int olm_op_export_inbound_group_session(OlmInboundGroupSession *session, uint32_t message_index, void *out,
                                                   size_t out_length);
OLM_EXPORT int olm_op_pickle_inbound_group_session(OlmInboundGroupSession *session, const void *key, size_t key_length,
                                                   void *out, size_t out_length);

/* PK: encrypt writes the ciphertext, then the MAC and the ephemeral key (OLM_OP_PK_MAC_LENGTH and
 * OLM_OP_PK_KEY_LENGTH bytes of base64), and returns the three lengths' sum. */
#define OLM_OP_PK_MAC_LENGTH 11
#define OLM_OP_PK_KEY_LENGTH 43
OLM_EXPORT int olm_op_pk_encrypt(OlmPkEncryption *encryption, const void *plaintext, size_t plaintext_length,
                                 void *random_state, size_t random_state_length, void *out, size_t out_length);
/* A new key pair: the private key from the generator; returns the public key's length. */
OLM_EXPORT int olm_op_pk_generate_key(OlmPkDecryption *decryption, void *random_state, size_t random_state_length,
                                      void *out, size_t out_length);
OLM_EXPORT int olm_op_pk_key_from_private(OlmPkDecryption *decryption, const void *private_key,
                                          size_t private_key_length, void *out, size_t out_length);
/* `ciphertext` is base64-decoded in place. A plaintext is never longer than its ciphertext. */
OLM_EXPORT int olm_op_pk_decrypt(OlmPkDecryption *decryption, const void *ephemeral_key, size_t ephemeral_key_length,
                                 const void *mac, size_t mac_length, void *ciphertext, size_t ciphertext_length,
                                 void *out, size_t out_length);
OLM_EXPORT int olm_op_pickle_pk_decryption(OlmPkDecryption *decryption, const void *key, size_t key_length, void *out,
                                           size_t out_length);
OLM_EXPORT int olm_op_pk_signing_key_from_seed(OlmPkSigning *signing, const void *seed, size_t seed_length, void *out,
                                               size_t out_length);
OLM_EXPORT int olm_op_pk_sign(OlmPkSigning *signing, const void *message, size_t message_length, void *out,
                              size_t out_length);

/* SAS */
OLM_EXPORT int olm_op_create_sas(OlmSAS *sas, void *random_state, size_t random_state_length);
OLM_EXPORT int olm_op_sas_pubkey(OlmSAS *sas, void *out, size_t out_length);
OLM_EXPORT int olm_op_sas_calculate_mac(OlmSAS *sas, const void *input, size_t input_length, const void *info,
                                        size_t info_length, void *out, size_t out_length);
OLM_EXPORT int olm_op_sas_calculate_mac_fixed_base64(OlmSAS *sas, const void *input, size_t input_length,
                                                     const void *info, size_t info_length, void *out,
                                                     size_t out_length);
OLM_EXPORT int olm_op_sas_calculate_mac_long_kdf(OlmSAS *sas, const void *input, size_t input_length, const void *info,
                                                 size_t info_length, void *out, size_t out_length);

#ifdef __cplusplus
}
#endif
#endif
