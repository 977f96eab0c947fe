// An Olm account: a device's long-term identity keys plus its one-time and fallback keys.
import { toCount, toInput, type BytesLike } from './bytes.js';
import { coreFor, OlmObject } from '../binding/olm-object.js';
import type { Session } from './session.js';

/** A device's public identity keys, unpadded base64. */
export interface IdentityKeys {
  /** The Curve25519 key others start Olm sessions with. */
  curve25519: string;
  /** The Ed25519 key that verifies the account's signatures. */
  ed25519: string;
}

/**
 * An Olm account: a device's identity keys (Curve25519, Ed25519) and the one-time and fallback keys
 * others start sessions with. Made by create() or unpickle(); free() wipes it.
 */
export class Account extends OlmObject {
  /**
   * A new account with fresh identity keys.
   *
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static create(): Account {
    const account = new this(coreFor(this), 'account');
    return account.initialise(() => account.operate('olm_op_create_account'));
  }

  /**
   * Restores an account from pickle() with the same key.
   *
   * @throws OlmError INVALID_BASE64, BAD_ACCOUNT_KEY (a wrong key, or not a pickle), UNKNOWN_PICKLE_VERSION,
   *   CORRUPTED_PICKLE, PICKLE_EXTRA_DATA, BAD_LEGACY_ACCOUNT_PICKLE (a version 1 pickle: its Ed25519 key is
   *   compromised)
   * @throws TypeError when the pickle or key is not a string or Uint8Array
   * @throws RangeError when the pickle or key is over MAX_INPUT_BYTES
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static unpickle(pickle: BytesLike, key: BytesLike): Account {
    return new this(coreFor(this), 'account').unpickleWith('olm_unpickle_account', pickle, key);
  }

  /**
   * The account's public identity keys.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get identityKeys(): IdentityKeys {
    const { curve25519, ed25519 } = JSON.parse(this.operateText('olm_op_account_identity_keys', [])) as IdentityKeys;
    return { curve25519, ed25519 };
  }

  /**
   * The account's Ed25519 signature of `message` (a string is signed as UTF-8), unpadded base64.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   * @throws TypeError when `message` is not a string or Uint8Array
   * @throws RangeError when `message` is over MAX_INPUT_BYTES
   */
  sign(message: BytesLike): string {
    return this.operateText('olm_op_account_sign', [toInput(message, 'message')]);
  }

  /**
   * How many unpublished one-time keys the account keeps; generating more drops the oldest.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get maxNumberOfOneTimeKeys(): number {
    return this.call('olm_account_max_number_of_one_time_keys');
  }

  /**
   * Generates `count` new one-time keys. More than maxNumberOfOneTimeKeys is a RangeError: libolm
   * would drop the surplus at once, and a huge count would ask for gigabytes of randomness.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   * @throws TypeError when `count` is not a number
   * @throws RangeError when `count` is not an integer from 0 to maxNumberOfOneTimeKeys
   */
  generateOneTimeKeys(count: number): void {
    const n = toCount(count, 'count', this.maxNumberOfOneTimeKeys);
    this.operate('olm_op_account_generate_one_time_keys', n);
  }

  /**
   * The unpublished one-time keys: key id -> curve25519 public key.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get oneTimeKeys(): Record<string, string> {
    return curve25519Keys(this.operateText('olm_op_account_one_time_keys', []));
  }

  /**
   * Marks the current one-time keys and fallback key as published.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  markKeysAsPublished(): void {
    this.call('olm_account_mark_keys_as_published');
  }

  /**
   * Removes the one-time key an inbound session was created with, so it is never reused.
   *
   * @throws OlmError BAD_MESSAGE_KEY_ID when the account does not hold the session's one-time key (already
   *   removed, or an outbound session); USE_AFTER_FREE after free() of either
   * @throws TypeError when `session` is not a Session, or lives in another backend
   */
  removeOneTimeKeys(session: Session): void {
    this.call('olm_remove_one_time_keys', this.handleOf(session, 'session', 'session'));
  }

  /**
   * Generates a new fallback key; the previous one is kept until forgetOldFallbackKey().
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  generateFallbackKey(): void {
    this.operate('olm_op_account_generate_fallback_key');
  }

  /**
   * The current fallback key: key id -> curve25519 public key ({} if none).
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get fallbackKey(): Record<string, string> {
    return curve25519Keys(this.operateText('olm_op_account_fallback_key', []));
  }

  /**
   * The current fallback key if it is not yet published, else {}.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get unpublishedFallbackKey(): Record<string, string> {
    return curve25519Keys(this.operateText('olm_op_account_unpublished_fallback_key', []));
  }

  /**
   * Forgets the fallback key that the current one replaced.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  forgetOldFallbackKey(): void {
    this.call('olm_account_forget_old_fallback_key');
  }

  /**
   * The account's state encrypted with `key` (any string or bytes), base64: unpickle() restores it.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   * @throws TypeError when `key` is not a string or Uint8Array
   * @throws RangeError when `key` is over MAX_INPUT_BYTES
   */
  pickle(key: BytesLike): string {
    return this.pickleWith('olm_op_pickle_account', key);
  }
}

/** libolm's key lists are JSON {"curve25519": {keyId: key}}: the inner map. */
function curve25519Keys(json: string): Record<string, string> {
  return (JSON.parse(json) as { curve25519: Record<string, string> }).curve25519;
}
