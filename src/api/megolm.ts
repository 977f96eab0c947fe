// Megolm group sessions: one sender's ratchet (outbound) and each receiver's copy (inbound).
import { encryptedLength, lengthGuess, toCount, toInput, toText, type BytesLike } from './bytes.js';
import { coreFor, OlmObject } from '../binding/olm-object.js';
import type { Scratch } from '../binding/scratch.js';

export interface GroupDecrypted<T> {
  plaintext: T;
  messageIndex: number;
}

export class OutboundGroupSession extends OlmObject {
  /** A new session with a fresh random ratchet. */
  static create(): OutboundGroupSession {
    const session = new this(coreFor(this), 'outbound_group_session');
    return session.initialise(() => session.operate('olm_op_init_outbound_group_session'));
  }

  /** Restores a session from pickle(); a wrong key is OlmError BAD_ACCOUNT_KEY. */
  static unpickle(pickle: BytesLike, key: BytesLike): OutboundGroupSession {
    const session = new this(coreFor(this), 'outbound_group_session');
    return session.unpickleWith('olm_unpickle_outbound_group_session', pickle, key);
  }

  /** Encrypts one message and advances the ratchet; returns the base64 message. */
  encrypt(plaintext: BytesLike): string {
    const bytes = toInput(plaintext, 'plaintext');
    return this.operateText('olm_op_group_encrypt', [bytes], encryptedLength(lengthGuess(bytes)));
  }

  get sessionId(): string {
    return this.operateText('olm_op_outbound_group_session_id', []);
  }

  /** The index the next message will have. */
  get messageIndex(): number {
    return this.call('olm_outbound_group_session_message_index');
  }

  /** The key receivers need to decrypt from the current index on (share it over Olm). */
  get sessionKey(): string {
    return this.operateText('olm_op_outbound_group_session_key', []);
  }

  pickle(key: BytesLike): string {
    return this.pickleWith('olm_op_pickle_outbound_group_session', key);
  }
}

export class InboundGroupSession extends OlmObject {
  /** A session from an outbound session's sessionKey (signed by the sender). */
  static create(sessionKey: BytesLike): InboundGroupSession {
    const key = toInput(sessionKey, 'session key');
    const session = new this(coreFor(this), 'inbound_group_session');
    return session.initialise(() => session.call('olm_init_inbound_group_session', key));
  }

  /** A session from export() of another inbound session (unverified until a message decrypts). */
  static import(exportedKey: BytesLike): InboundGroupSession {
    const key = toInput(exportedKey, 'exported key');
    const session = new this(coreFor(this), 'inbound_group_session');
    return session.initialise(() => session.call('olm_import_inbound_group_session', key));
  }

  static unpickle(pickle: BytesLike, key: BytesLike): InboundGroupSession {
    const session = new this(coreFor(this), 'inbound_group_session');
    return session.unpickleWith('olm_unpickle_inbound_group_session', pickle, key);
  }

  /** Decrypts a message as UTF-8 text (OlmError INVALID_UTF8 if it is not: use decryptBytes). */
  decrypt(message: BytesLike): GroupDecrypted<string> {
    // The plaintext bytes are temporary here: decoded, then wiped with the rest of the scratch.
    return this.withScratch((scratch) => {
      const { plaintext, messageIndex } = this.#decrypt(message, scratch, (max) => scratch.take(max));
      return { plaintext: toText(plaintext, 'group message'), messageIndex };
    });
  }

  /** Decrypts a message to its exact bytes. */
  decryptBytes(message: BytesLike): GroupDecrypted<Uint8Array> {
    return this.withScratch((scratch) => this.#decrypt(message, scratch, (max) => new Uint8Array(max)));
  }

  #decrypt(message: BytesLike, scratch: Scratch, buffer: (max: number) => Uint8Array): GroupDecrypted<Uint8Array> {
    const bytes = toInput(message, 'message');
    const index = scratch.take(4);
    // A plaintext is never longer than its message (the operation's rule).
    const plaintext = this.operateInto('olm_op_group_decrypt', [bytes, index], buffer, lengthGuess(bytes));
    return { plaintext, messageIndex: new DataView(index.buffer, index.byteOffset, 4).getUint32(0, true) };
  }

  get sessionId(): string {
    return this.operateText('olm_op_inbound_group_session_id', []);
  }

  get firstKnownIndex(): number {
    return this.call('olm_inbound_group_session_first_known_index');
  }

  /** True once the session key was signed (create) or a message decrypted (import). */
  get isVerified(): boolean {
    return this.call('olm_inbound_group_session_is_verified') !== 0;
  }

  /** The session's key at `messageIndex`, for import() elsewhere. */
  export(messageIndex: number): string {
    const index = toCount(messageIndex, 'message index');
    return this.operateText('olm_op_export_inbound_group_session', [index]);
  }

  pickle(key: BytesLike): string {
    return this.pickleWith('olm_op_pickle_inbound_group_session', key);
  }
}
