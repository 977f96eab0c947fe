// Megolm group sessions: one sender's ratchet (outbound) and each receiver's copy (inbound).
import { encryptedLength, lengthGuess, toCount, toInput, toText, type BytesLike } from './bytes.js';
import { coreFor, OlmObject } from '../binding/olm-object.js';
import type { Scratch } from '../binding/scratch.js';

/** A decrypted Megolm message. */
export interface GroupDecrypted<T> {
  /** The plaintext: text from decrypt(), bytes from decryptBytes(). */
  plaintext: T;
  /** The message's index in the sender's ratchet (a repeat is a replay to refuse). */
  messageIndex: number;
}

/**
 * A Megolm sender: one ratchet that encrypts to every receiver holding its sessionKey. Made by
 * create() or unpickle(); free() wipes it.
 */
export class OutboundGroupSession extends OlmObject {
  /**
   * A new session with a fresh random ratchet.
   *
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static create(): OutboundGroupSession {
    const session = new this(coreFor(this), 'outbound_group_session');
    return session.initialise(() => session.operate('olm_op_init_outbound_group_session'));
  }

  /**
   * Restores a session from pickle() with the same key.
   *
   * @throws OlmError INVALID_BASE64, BAD_ACCOUNT_KEY (a wrong key, or not a pickle), UNKNOWN_PICKLE_VERSION,
   *   CORRUPTED_PICKLE, PICKLE_EXTRA_DATA
   * @throws TypeError when the pickle or key is not a string or Uint8Array
   * @throws RangeError when the pickle or key is over MAX_INPUT_BYTES
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static unpickle(pickle: BytesLike, key: BytesLike): OutboundGroupSession {
    const session = new this(coreFor(this), 'outbound_group_session');
    return session.unpickleWith('olm_unpickle_outbound_group_session', pickle, key);
  }

  /**
   * Encrypts one message (a string as UTF-8) and advances the ratchet; returns the base64 message.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   * @throws TypeError when `plaintext` is not a string or Uint8Array
   * @throws RangeError when `plaintext` is over MAX_PLAINTEXT_BYTES
   */
  encrypt(plaintext: BytesLike): string {
    const bytes = toInput(plaintext, 'plaintext');
    return this.operateText('olm_op_group_encrypt', [bytes], encryptedLength(lengthGuess(bytes)));
  }

  /**
   * The session's id (base64), the same for its inbound copies.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get sessionId(): string {
    return this.operateText('olm_op_outbound_group_session_id', []);
  }

  /**
   * The index the next message will have.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get messageIndex(): number {
    return this.call('olm_outbound_group_session_message_index');
  }

  /**
   * The key receivers need to decrypt from the current index on (share it over Olm).
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get sessionKey(): string {
    return this.operateText('olm_op_outbound_group_session_key', []);
  }

  /**
   * The session's state encrypted with `key` (any string or bytes), base64: unpickle() restores it.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   * @throws TypeError when `key` is not a string or Uint8Array
   * @throws RangeError when `key` is over MAX_INPUT_BYTES
   */
  pickle(key: BytesLike): string {
    return this.pickleWith('olm_op_pickle_outbound_group_session', key);
  }
}

/**
 * A Megolm receiver: a copy of one sender's ratchet from a given index on. Made by create(), import()
 * or unpickle(); free() wipes it.
 */
export class InboundGroupSession extends OlmObject {
  /**
   * A session from an outbound session's sessionKey (signed by the sender).
   *
   * @throws OlmError INVALID_BASE64, BAD_SESSION_KEY (wrong length or version), BAD_SIGNATURE (not signed by
   *   the key it names)
   * @throws TypeError when `sessionKey` is not a string or Uint8Array
   * @throws RangeError when `sessionKey` is over MAX_INPUT_BYTES
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static create(sessionKey: BytesLike): InboundGroupSession {
    const key = toInput(sessionKey, 'session key');
    const session = new this(coreFor(this), 'inbound_group_session');
    return session.initialise(() => session.call('olm_init_inbound_group_session', key));
  }

  /**
   * A session from export() of another inbound session (unverified until a message decrypts).
   *
   * @throws OlmError INVALID_BASE64, BAD_SESSION_KEY (wrong length or version)
   * @throws TypeError when `exportedKey` is not a string or Uint8Array
   * @throws RangeError when `exportedKey` is over MAX_INPUT_BYTES
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static import(exportedKey: BytesLike): InboundGroupSession {
    const key = toInput(exportedKey, 'exported key');
    const session = new this(coreFor(this), 'inbound_group_session');
    return session.initialise(() => session.call('olm_import_inbound_group_session', key));
  }

  /**
   * Restores a session from pickle() with the same key.
   *
   * @throws OlmError INVALID_BASE64, BAD_ACCOUNT_KEY (a wrong key, or not a pickle), UNKNOWN_PICKLE_VERSION,
   *   CORRUPTED_PICKLE, PICKLE_EXTRA_DATA
   * @throws TypeError when the pickle or key is not a string or Uint8Array
   * @throws RangeError when the pickle or key is over MAX_INPUT_BYTES
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static unpickle(pickle: BytesLike, key: BytesLike): InboundGroupSession {
    const session = new this(coreFor(this), 'inbound_group_session');
    return session.unpickleWith('olm_unpickle_inbound_group_session', pickle, key);
  }

  /**
   * Decrypts a message as UTF-8 text (OlmError INVALID_UTF8 if it is not: use decryptBytes).
   *
   * @throws OlmError INVALID_BASE64, BAD_MESSAGE_VERSION, BAD_MESSAGE_FORMAT, BAD_SIGNATURE (not signed by the
   *   sender), UNKNOWN_MESSAGE_INDEX (before firstKnownIndex), BAD_MESSAGE_MAC, INVALID_UTF8, USE_AFTER_FREE
   *   after free()
   * @throws TypeError when `message` is not a string or Uint8Array
   * @throws RangeError when `message` is over MAX_INPUT_BYTES
   */
  decrypt(message: BytesLike): GroupDecrypted<string> {
    // The plaintext bytes are temporary here: decoded, then wiped with the rest of the scratch.
    return this.withScratch((scratch) => {
      const { plaintext, messageIndex } = this.#decrypt(message, scratch, (max) => scratch.take(max));
      return { plaintext: toText(plaintext, 'group message'), messageIndex };
    });
  }

  /**
   * Decrypts a message to its exact bytes.
   *
   * @throws OlmError as decrypt, but never INVALID_UTF8
   * @throws TypeError when `message` is not a string or Uint8Array
   * @throws RangeError when `message` is over MAX_INPUT_BYTES
   */
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

  /**
   * The sender's session id (base64).
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get sessionId(): string {
    return this.operateText('olm_op_inbound_group_session_id', []);
  }

  /**
   * The first message index this session can decrypt.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get firstKnownIndex(): number {
    return this.call('olm_inbound_group_session_first_known_index');
  }

  /**
   * True once the session key was signed (create) or a message decrypted (import).
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get isVerified(): boolean {
    return this.call('olm_inbound_group_session_is_verified') !== 0;
  }

  /**
   * The session's key at `messageIndex`, for import() elsewhere.
   *
   * @throws OlmError UNKNOWN_MESSAGE_INDEX (before firstKnownIndex), USE_AFTER_FREE after free()
   * @throws TypeError when `messageIndex` is not a number
   * @throws RangeError when `messageIndex` is not an integer from 0 to 2^32 - 1
   */
  export(messageIndex: number): string {
    const index = toCount(messageIndex, 'message index');
    return this.operateText('olm_op_export_inbound_group_session', [index]);
  }

  /**
   * The session's state encrypted with `key` (any string or bytes), base64: unpickle() restores it.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   * @throws TypeError when `key` is not a string or Uint8Array
   * @throws RangeError when `key` is over MAX_INPUT_BYTES
   */
  pickle(key: BytesLike): string {
    return this.pickleWith('olm_op_pickle_inbound_group_session', key);
  }
}
