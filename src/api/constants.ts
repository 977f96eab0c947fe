// Sizes of the raw secrets users keep themselves (PkDecryption private keys, PkSigning seeds).
// They equal libolm's olm_pk_private_key_length() and olm_pk_signing_seed_length(): the tests
// check that on both backends.

/** Bytes in a PkDecryption private key (a curve25519 private key). */
export const PK_PRIVATE_KEY_LENGTH = 32;

/** Bytes in a PkSigning seed (an ed25519 seed). */
export const PK_SIGNING_SEED_LENGTH = 32;

/** Characters in a PK public key (base64 of a curve25519 key): olm_pk_key_length(). */
export const PK_KEY_LENGTH = 43;

/** Characters in a PK message's MAC (base64 of 8 bytes): olm_pk_mac_length(). */
export const PK_MAC_LENGTH = 11;
