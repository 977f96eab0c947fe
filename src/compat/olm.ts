// The reference's Account, Session and Utility over the main API's classes.
import type { Account as MainAccount, Session as MainSession, Utility as MainUtility } from '../api/library.js';
import { held, lenientText, library, Pickled, Wrapper } from './wrapper.js';

// libolm writes its key lists as JSON with the keys under "curve25519".
const curve25519 = (keys: Record<string, string>): string => JSON.stringify({ curve25519: keys });

export class Account extends Pickled<MainAccount> {
  create(): void {
    this.hold(() => library().Account.create());
  }

  protected restore(pickle: string, key: string | Uint8Array): MainAccount {
    return library().Account.unpickle(pickle, key);
  }

  identity_keys(): string {
    return this.use((account) => JSON.stringify(account.identityKeys));
  }

  sign(message: string | Uint8Array): string {
    return this.use((account) => account.sign(message));
  }

  one_time_keys(): string {
    return this.use((account) => curve25519(account.oneTimeKeys));
  }

  mark_keys_as_published(): void {
    this.use((account) => account.markKeysAsPublished());
  }

  max_number_of_one_time_keys(): number {
    return this.use((account) => account.maxNumberOfOneTimeKeys);
  }

  generate_one_time_keys(number_of_keys: number): void {
    this.use((account) => account.generateOneTimeKeys(number_of_keys));
  }

  remove_one_time_keys(session: Session): void {
    this.use((account) => account.removeOneTimeKeys(held(session)));
  }

  generate_fallback_key(): void {
    this.use((account) => account.generateFallbackKey());
  }

  fallback_key(): string {
    return this.use((account) => curve25519(account.fallbackKey));
  }

  unpublished_fallback_key(): string {
    return this.use((account) => curve25519(account.unpublishedFallbackKey));
  }

  forget_old_fallback_key(): void {
    this.use((account) => account.forgetOldFallbackKey());
  }
}

export class Session extends Pickled<MainSession> {
  create_outbound(account: Account, their_identity_key: string, their_one_time_key: string): void {
    this.hold(() => library().Session.createOutbound(held(account), their_identity_key, their_one_time_key));
  }

  create_inbound(account: Account, one_time_key_message: string): void {
    this.hold(() => library().Session.createInbound(held(account), one_time_key_message));
  }

  create_inbound_from(account: Account, identity_key: string, one_time_key_message: string): void {
    this.hold(() => library().Session.createInboundFrom(held(account), identity_key, one_time_key_message));
  }

  protected restore(pickle: string, key: string | Uint8Array): MainSession {
    return library().Session.unpickle(pickle, key);
  }

  session_id(): string {
    return this.use((session) => session.sessionId);
  }

  has_received_message(): boolean {
    return this.use((session) => session.hasReceivedMessage);
  }

  matches_inbound(one_time_key_message: string): boolean {
    return this.use((session) => session.matchesInbound(one_time_key_message));
  }

  matches_inbound_from(identity_key: string, one_time_key_message: string): boolean {
    return this.use((session) => session.matchesInboundFrom(identity_key, one_time_key_message));
  }

  encrypt(plaintext: string): { type: 0 | 1; body: string } {
    const { type, body } = this.use((session) => session.encrypt(plaintext));
    return { type, body };
  }

  decrypt(message_type: number, message: string): string {
    const type = message_type === 1 ? 1 : 0; // libolm reads every type but 1 as a pre-key message
    return lenientText(this.use((session) => session.decryptBytes(type, message)));
  }

  describe(): string {
    return this.use((session) => session.describe());
  }
}

/** Stateless, so usable from `new`, as the reference's. */
export class Utility extends Wrapper<MainUtility> {
  constructor() {
    super();
    this.hold(() => library().Utility.create());
  }

  sha256(input: string | Uint8Array): string {
    return this.use((utility) => utility.sha256(input));
  }

  ed25519_verify(key: string, message: string | Uint8Array, signature: string): void {
    this.use((utility) => utility.ed25519Verify(key, message, signature));
  }
}
