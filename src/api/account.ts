// An Olm account: a device's long-term identity keys plus its one-time and fallback keys.
import { toCount, toInput, type BytesLike } from './bytes.js';
import { coreFor, OlmObject } from '../binding/olm-object.js';
import type { Session } from './session.js';

/** A device's public identity keys, unpadded base64. */
export interface IdentityKeys {
  curve25519: string;
  ed25519: string;
}

export class Account extends OlmObject {
  /** A new account with fresh identity keys. */
  static create(): Account {
    const account = new this(coreFor(this), 'account');
    return account.initialise(() => account.operate('olm_op_create_account'));
  }

  /** Restores an account from pickle(); a wrong key is OlmError BAD_ACCOUNT_KEY. */
  static unpickle(pickle: BytesLike, key: BytesLike): Account {
    return new this(coreFor(this), 'account').unpickleWith('olm_unpickle_account', pickle, key);
  }

  get identityKeys(): IdentityKeys {
    const { curve25519, ed25519 } = JSON.parse(
      this.operateText('olm_op_account_identity_keys', []),
    ) as IdentityKeys;
    return { curve25519, ed25519 };
  }

  /** The account's ed25519 signature of `message`, unpadded base64. */
  sign(message: BytesLike): string {
    return this.operateText('olm_op_account_sign', [toInput(message, 'message')]);
  }

  /** How many unpublished one-time keys the account keeps; generating more drops the oldest. */
  get maxNumberOfOneTimeKeys(): number {
    return this.call('olm_account_max_number_of_one_time_keys');
  }

  /**
   * Generates `count` new one-time keys. More than maxNumberOfOneTimeKeys is a RangeError: libolm
   * would drop the surplus at once, and a huge count would ask for gigabytes of randomness.
   */
  generateOneTimeKeys(count: number): void {
    const n = toCount(count, 'count', this.maxNumberOfOneTimeKeys);
    this.operate('olm_op_account_generate_one_time_keys', n);
  }

  /** The unpublished one-time keys: key id -> curve25519 public key. */
  get oneTimeKeys(): Record<string, string> {
    return curve25519Keys(this.operateText('olm_op_account_one_time_keys', []));
  }

  /** Marks the current one-time keys and fallback key as published. */
  markKeysAsPublished(): void {
    this.call('olm_account_mark_keys_as_published');
  }

  /** Removes the one-time key an inbound session was created with, so it is never reused. */
  removeOneTimeKeys(session: Session): void {
    this.call('olm_remove_one_time_keys', this.handleOf(session, 'session', 'session'));
  }

  /** Generates a new fallback key; the previous one is kept until forgetOldFallbackKey(). */
  generateFallbackKey(): void {
    this.operate('olm_op_account_generate_fallback_key');
  }

  /** The current fallback key: key id -> curve25519 public key ({} if none). */
  get fallbackKey(): Record<string, string> {
    return curve25519Keys(this.operateText('olm_op_account_fallback_key', []));
  }

  /** The current fallback key if it is not yet published, else {}. */
  get unpublishedFallbackKey(): Record<string, string> {
    return curve25519Keys(this.operateText('olm_op_account_unpublished_fallback_key', []));
  }

  /** Forgets the fallback key that the current one replaced. */
  forgetOldFallbackKey(): void {
    this.call('olm_account_forget_old_fallback_key');
  }

  pickle(key: BytesLike): string {
    return this.pickleWith('olm_op_pickle_account', key);
  }
}

/** libolm's key lists are JSON {"curve25519": {keyId: key}}: the inner map. */
function curve25519Keys(json: string): Record<string, string> {
  return (JSON.parse(json) as { curve25519: Record<string, string> }).curve25519;
}
