// One error type for everything libolm reports, with libolm's own error code names.

/** libolm's enum OlmErrorCode, in enum order (include/olm/error.h). */
const LIBOLM_CODES = [
  'SUCCESS',
  'NOT_ENOUGH_RANDOM',
  'OUTPUT_BUFFER_TOO_SMALL',
  'BAD_MESSAGE_VERSION',
  'BAD_MESSAGE_FORMAT',
  'BAD_MESSAGE_MAC',
  'BAD_MESSAGE_KEY_ID',
  'INVALID_BASE64',
  'BAD_ACCOUNT_KEY',
  'UNKNOWN_PICKLE_VERSION',
  'CORRUPTED_PICKLE',
  'BAD_SESSION_KEY',
  'UNKNOWN_MESSAGE_INDEX',
  'BAD_LEGACY_ACCOUNT_PICKLE',
  'BAD_SIGNATURE',
  'INPUT_BUFFER_TOO_SMALL',
  'SAS_THEIR_KEY_NOT_SET',
  'PICKLE_EXTRA_DATA',
] as const;

export type LibolmErrorCode = (typeof LIBOLM_CODES)[number];
/**
 * libolm's codes, plus the library's own: USE_AFTER_FREE (a method called after free()),
 * INVALID_UTF8 (a string result asked of bytes that are not UTF-8: use the *Bytes variant),
 * UNKNOWN_ERROR (a code this version does not know).
 */
export type OlmErrorCode = LibolmErrorCode | 'USE_AFTER_FREE' | 'INVALID_UTF8' | 'UNKNOWN_ERROR';

const MESSAGES: Record<OlmErrorCode, string> = {
  SUCCESS: 'no error',
  NOT_ENOUGH_RANDOM: 'not enough random bytes were supplied',
  OUTPUT_BUFFER_TOO_SMALL: 'the output buffer is too small',
  BAD_MESSAGE_VERSION: 'the message version is not supported',
  BAD_MESSAGE_FORMAT: 'the message could not be decoded',
  BAD_MESSAGE_MAC: 'the message could not be authenticated (wrong key, or tampered message)',
  BAD_MESSAGE_KEY_ID: 'the message refers to an unknown key',
  INVALID_BASE64: 'the input is not valid base64',
  BAD_ACCOUNT_KEY: 'the key is invalid (wrong pickle key, or a bad public key)',
  UNKNOWN_PICKLE_VERSION: 'the pickle was made by a newer version',
  CORRUPTED_PICKLE: 'the pickle is corrupted',
  BAD_SESSION_KEY: 'the session key is invalid',
  UNKNOWN_MESSAGE_INDEX: 'the message index is earlier than the first index this session knows',
  BAD_LEGACY_ACCOUNT_PICKLE: 'the account pickle uses a legacy format whose ed25519 key is compromised',
  BAD_SIGNATURE: 'the signature does not verify',
  INPUT_BUFFER_TOO_SMALL: 'the input is too short',
  SAS_THEIR_KEY_NOT_SET: "the other party's SAS key has not been set",
  PICKLE_EXTRA_DATA: 'the pickle has extra data at its end',
  USE_AFTER_FREE: 'the object was used after free()',
  INVALID_UTF8: 'the plaintext is not valid UTF-8; ask for the bytes variant instead',
  UNKNOWN_ERROR: 'libolm reported an unknown error',
};

export class OlmError extends Error {
  readonly code: OlmErrorCode;
  constructor(code: OlmErrorCode, context?: string) {
    super(`${code}: ${context ? `${context}: ` : ''}${MESSAGES[code]}`);
    this.name = 'OlmError';
    this.code = code;
  }
}

/** The error for a libolm error code number. */
export function libolmError(code: number, context: string): OlmError {
  return new OlmError(LIBOLM_CODES[code] ?? 'UNKNOWN_ERROR', context);
}
