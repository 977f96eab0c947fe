// The libolm functions the library calls, each with its argument shape. The one place that knows
// how a C prototype's arguments are laid out; src/binding/calls.ts expands it for both backends:
//   h  an Olm object handle
//   b  an input buffer followed by its byte length (the length is appended from the buffer, never
//      typed); libolm reads it (and may wipe random bytes), nothing written to it is wanted back
//   o  like b, but an output: libolm writes it for us and never reads what was there (backends
//      that copy copy it back only; it starts as zeros)
//   u  like o, but libolm reads it first (backends that copy copy it both ways)
//   d  like b, but libolm overwrites the buffer (base64-decodes in place): always passed a copy
//   p  a bare pointer with no length, an output (olm_get_library_version's uint8_t outputs, a uint32_t)
//   n  a number
// A 'b' or 'd' input given as a string reaches a backend with text() as it is (C reads its UTF-8
// and counts it); other backends get its UTF-8 in the scratch arena.
// and for the operations layer (native/ops/ops.h), two arguments the core supplies itself:
//   g  the random generator's state and its length (empty: the OS CSPRNG), read and advanced
//   r  the output buffer and its length; C returns the length it wrote, or a larger one it needs
//      (for text, a backend with text() gets null and a capacity, and returns the text itself)
export const OLM_FUNCTIONS = {
  olm_get_library_version: 'ppp',
  olm_error: '',

  olm_account_last_error_code: 'h',
  olm_session_last_error_code: 'h',
  olm_utility_last_error_code: 'h',
  olm_outbound_group_session_last_error_code: 'h',
  olm_inbound_group_session_last_error_code: 'h',
  olm_pk_encryption_last_error_code: 'h',
  olm_pk_decryption_last_error_code: 'h',
  olm_pk_signing_last_error_code: 'h',
  olm_sas_last_error_code: 'h',

  olm_pickle_account_length: 'h',
  olm_pickle_account: 'hbo',
  olm_unpickle_account: 'hbd',
  olm_create_account_random_length: 'h',
  olm_create_account: 'hb',
  olm_account_identity_keys_length: 'h',
  olm_account_identity_keys: 'ho',
  olm_account_signature_length: 'h',
  olm_account_sign: 'hbo',
  olm_account_one_time_keys_length: 'h',
  olm_account_one_time_keys: 'ho',
  olm_account_mark_keys_as_published: 'h',
  olm_account_max_number_of_one_time_keys: 'h',
  olm_account_generate_one_time_keys_random_length: 'hn',
  olm_account_generate_one_time_keys: 'hnb',
  olm_account_generate_fallback_key_random_length: 'h',
  olm_account_generate_fallback_key: 'hb',
  olm_account_fallback_key_length: 'h',
  olm_account_fallback_key: 'ho',
  olm_account_unpublished_fallback_key_length: 'h',
  olm_account_unpublished_fallback_key: 'ho',
  olm_account_forget_old_fallback_key: 'h',
  olm_remove_one_time_keys: 'hh',

  olm_pickle_session_length: 'h',
  olm_pickle_session: 'hbo',
  olm_unpickle_session: 'hbd',
  olm_create_outbound_session_random_length: 'h',
  olm_create_outbound_session: 'hhbbb',
  olm_create_inbound_session: 'hhd',
  olm_create_inbound_session_from: 'hhbd',
  olm_session_id_length: 'h',
  olm_session_id: 'ho',
  olm_session_has_received_message: 'h',
  olm_session_describe: 'ho',
  olm_matches_inbound_session: 'hd',
  olm_matches_inbound_session_from: 'hbd',
  olm_encrypt_message_type: 'h',
  olm_encrypt_random_length: 'h',
  olm_encrypt_message_length: 'hn',
  olm_encrypt: 'hbbo',
  olm_decrypt_max_plaintext_length: 'hnd',
  olm_decrypt: 'hndo',

  olm_sha256_length: 'h',
  olm_sha256: 'hbo',
  olm_ed25519_verify: 'hbbd',

  olm_pickle_outbound_group_session_length: 'h',
  olm_pickle_outbound_group_session: 'hbo',
  olm_unpickle_outbound_group_session: 'hbd',
  olm_init_outbound_group_session_random_length: 'h',
  olm_init_outbound_group_session: 'hb',
  olm_group_encrypt_message_length: 'hn',
  olm_group_encrypt: 'hbo',
  olm_outbound_group_session_id_length: 'h',
  olm_outbound_group_session_id: 'ho',
  olm_outbound_group_session_message_index: 'h',
  olm_outbound_group_session_key_length: 'h',
  olm_outbound_group_session_key: 'ho',

  olm_pickle_inbound_group_session_length: 'h',
  olm_pickle_inbound_group_session: 'hbo',
  olm_unpickle_inbound_group_session: 'hbd',
  olm_init_inbound_group_session: 'hb',
  olm_import_inbound_group_session: 'hd',
  olm_group_decrypt_max_plaintext_length: 'hd',
  olm_group_decrypt: 'hdop',
  olm_inbound_group_session_id_length: 'h',
  olm_inbound_group_session_id: 'ho',
  olm_inbound_group_session_first_known_index: 'h',
  olm_inbound_group_session_is_verified: 'h',
  olm_export_inbound_group_session_length: 'h',
  olm_export_inbound_group_session: 'hon',

  olm_pk_encryption_set_recipient_key: 'hb',
  olm_pk_ciphertext_length: 'hn',
  olm_pk_mac_length: 'h',
  olm_pk_key_length: '',
  olm_pk_encrypt_random_length: 'h',
  olm_pk_encrypt: 'hbooob',
  olm_pk_private_key_length: '',
  olm_pk_generate_key_random_length: '',
  olm_pk_key_from_private: 'hob',
  olm_pk_generate_key: 'hob',
  olm_pickle_pk_decryption_length: 'h',
  olm_pickle_pk_decryption: 'hbo',
  olm_unpickle_pk_decryption: 'hbdo',
  olm_pk_max_plaintext_length: 'hn',
  olm_pk_decrypt: 'hbbdo',
  olm_pk_get_private_key: 'ho',
  olm_pk_signing_key_from_seed: 'hob',
  olm_pk_signing_seed_length: '',
  olm_pk_signing_public_key_length: '',
  olm_pk_signature_length: '',
  olm_pk_sign: 'hbo',

  olm_create_sas_random_length: 'h',
  olm_create_sas: 'hb',
  olm_sas_pubkey_length: 'h',
  olm_sas_get_pubkey: 'ho',
  olm_sas_set_their_key: 'hd',
  olm_sas_is_their_key_set: 'h',
  olm_sas_generate_bytes: 'hbo',
  olm_sas_mac_length: 'h',
  olm_sas_calculate_mac: 'hbbo',
  olm_sas_calculate_mac_fixed_base64: 'hbbo',
  olm_sas_calculate_mac_long_kdf: 'hbbo',

  // Ours (native/crypto/drbg.h): the seeded generator; its state is read and replaced.
  olm_universal_drbg_generate: 'uo',

  // The operations layer (native/ops/ops.h): one crossing per public operation.
  olm_op_random: 'gr',
  olm_op_sha256: 'hbr',
  olm_op_create_account: 'hg',
  olm_op_account_identity_keys: 'hr',
  olm_op_account_sign: 'hbr',
  olm_op_account_one_time_keys: 'hr',
  olm_op_account_generate_one_time_keys: 'hng',
  olm_op_account_generate_fallback_key: 'hg',
  olm_op_account_fallback_key: 'hr',
  olm_op_account_unpublished_fallback_key: 'hr',
  olm_op_pickle_account: 'hbr',
  olm_op_create_outbound_session: 'hhbbg',
  olm_op_session_id: 'hr',
  olm_op_encrypt: 'hbgrp',
  olm_op_decrypt: 'hndr',
  olm_op_pickle_session: 'hbr',
  olm_op_init_outbound_group_session: 'hg',
  olm_op_group_encrypt: 'hbr',
  olm_op_outbound_group_session_id: 'hr',
  olm_op_outbound_group_session_key: 'hr',
  olm_op_pickle_outbound_group_session: 'hbr',
  olm_op_group_decrypt: 'hdrp',
  olm_op_inbound_group_session_id: 'hr',
  olm_op_export_inbound_group_session: 'hnr',
  olm_op_pickle_inbound_group_session: 'hbr',
  olm_op_pk_encrypt: 'hbgr',
  olm_op_pk_generate_key: 'hgr',
  olm_op_pk_key_from_private: 'hbr',
  olm_op_pk_decrypt: 'hbbdr',
  olm_op_pickle_pk_decryption: 'hbr',
  olm_op_pk_signing_key_from_seed: 'hbr',
  olm_op_pk_sign: 'hbr',
  olm_op_create_sas: 'hg',
  olm_op_sas_pubkey: 'hr',
  olm_op_sas_calculate_mac: 'hbbr',
  olm_op_sas_calculate_mac_fixed_base64: 'hbbr',
  olm_op_sas_calculate_mac_long_kdf: 'hbbr',
} as const;

/**
 * The Olm object kinds, named as in libolm: each has olm_<kind>_size, olm_<kind> and
 * olm_clear_<kind>. The list libolm's headers give (scripts/olm-functions.cjs --kinds, which also
 * writes the addon's table, olm_kinds.h; test/return-values.test.ts checks this copy against it).
 */
export const KINDS = [
  'account',
  'session',
  'utility',
  'outbound_group_session',
  'inbound_group_session',
  'pk_encryption',
  'pk_decryption',
  'pk_signing',
  'sas',
] as const;
export type Kind = (typeof KINDS)[number];

export type OlmFunctions = typeof OLM_FUNCTIONS;
export type OlmFunction = keyof OlmFunctions;
/** The operations of the layer in native/ops/ops.h: each returns an int, negative for -error code. */
export type Operation = Extract<OlmFunction, `olm_op_${string}`>;

/** A C result type other than size_t. */
export type ResultType = 'void' | 'int' | 'uint32_t' | 'enum OlmErrorCode';

/**
 * The result type of every function above that does not return size_t, as libolm's headers
 * declare it (test/return-values.test.ts checks this against them). Only a size_t result can be
 * olm_error(): a uint32_t of 2^32-1 (a Megolm index) is a value, though on WASM it arrives as the
 * same i32 -1.
 */
export const RESULT_TYPES: { readonly [F in OlmFunction]?: ResultType } = {
  ...(Object.fromEntries(
    Object.keys(OLM_FUNCTIONS)
      .filter((fn) => fn.startsWith('olm_op_'))
      .map((fn) => [fn, 'int']),
  ) as { readonly [F in Operation]: 'int' }),
  olm_get_library_version: 'void',
  olm_account_last_error_code: 'enum OlmErrorCode',
  olm_session_last_error_code: 'enum OlmErrorCode',
  olm_utility_last_error_code: 'enum OlmErrorCode',
  olm_outbound_group_session_last_error_code: 'enum OlmErrorCode',
  olm_inbound_group_session_last_error_code: 'enum OlmErrorCode',
  olm_pk_encryption_last_error_code: 'enum OlmErrorCode',
  olm_pk_decryption_last_error_code: 'enum OlmErrorCode',
  olm_pk_signing_last_error_code: 'enum OlmErrorCode',
  olm_sas_last_error_code: 'enum OlmErrorCode',
  olm_account_forget_old_fallback_key: 'void',
  olm_session_has_received_message: 'int',
  olm_session_describe: 'void',
  olm_outbound_group_session_message_index: 'uint32_t',
  olm_inbound_group_session_first_known_index: 'uint32_t',
  olm_inbound_group_session_is_verified: 'int',
  olm_sas_is_their_key_set: 'int',
};

/** Whether `fn` returns size_t, the only result type that can be olm_error(). */
export function returnsSize(fn: OlmFunction): boolean {
  return RESULT_TYPES[fn] === undefined;
}
