// A 1:1 Olm session: the double ratchet between two devices' accounts.
import { ascii, describe, encryptedLength, lengthGuess, toInput, toText, type BytesLike } from './bytes.js';
import type { Account } from './account.js';
import type { Handle } from '../backends/contract.js';
import { coreFor, OlmObject } from '../binding/olm-object.js';
import type { Scratch } from '../binding/scratch.js';

/** An encrypted Olm message: type 0 is a pre-key message (it sets up the session), 1 a normal one. */
export interface OlmMessage {
  /** 0: a pre-key message (it sets up the session on the other side), 1: a normal message. */
  type: 0 | 1;
  /** The message, base64. */
  body: string;
}

// The buffer for describe(): the reference binding's size, so both give the same text.
const DESCRIPTION_LENGTH = 256;

/**
 * A 1:1 Olm session: the double ratchet between two devices' accounts. Made by createOutbound(),
 * createInbound(), createInboundFrom() or unpickle(); free() wipes it.
 */
export class Session extends OlmObject {
  /**
   * A session to another device from its identity key and one of its one-time (or fallback) keys.
   *
   * @throws OlmError INVALID_BASE64 (a key that is not 32 bytes of base64), BAD_MESSAGE_KEY_ID (a key of low
   *   order: the secret would not depend on ours), USE_AFTER_FREE after free() of `account`
   * @throws TypeError when `account` is not an Account or lives in another backend, or a key is not a string or
   *   Uint8Array
   * @throws RangeError when a key is over MAX_INPUT_BYTES
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static createOutbound(account: Account, theirIdentityKey: BytesLike, theirOneTimeKey: BytesLike): Session {
    const identityKey = toInput(theirIdentityKey, 'identity key');
    const oneTimeKey = toInput(theirOneTimeKey, 'one-time key');
    return new this(coreFor(this), 'session').#setUp(account, (session, accountHandle) =>
      session.operate('olm_op_create_outbound_session', accountHandle, identityKey, oneTimeKey),
    );
  }

  /**
   * The session a pre-key message (type 0) to `account` starts.
   *
   * @throws OlmError INVALID_BASE64, BAD_MESSAGE_FORMAT (not a pre-key message), BAD_MESSAGE_KEY_ID (a one-time
   *   key the account does not hold, or a low-order key), USE_AFTER_FREE after free() of `account`
   * @throws TypeError when `account` is not an Account or lives in another backend, or the message is not a
   *   string or Uint8Array
   * @throws RangeError when the message is over MAX_INPUT_BYTES
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static createInbound(account: Account, preKeyMessage: BytesLike): Session {
    const message = toInput(preKeyMessage, 'pre-key message');
    return new this(coreFor(this), 'session').#setUp(account, (session, accountHandle) =>
      session.call('olm_create_inbound_session', accountHandle, message),
    );
  }

  /**
   * Like createInbound, refusing the message unless it comes from `theirIdentityKey`.
   *
   * @throws OlmError as createInbound, and BAD_MESSAGE_KEY_ID when the message is from another identity key;
   *   INVALID_BASE64 for a bad identity key
   * @throws TypeError when `account` is not an Account or lives in another backend, or an input is not a string
   *   or Uint8Array
   * @throws RangeError when an input is over MAX_INPUT_BYTES
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static createInboundFrom(account: Account, theirIdentityKey: BytesLike, preKeyMessage: BytesLike): Session {
    const identityKey = toInput(theirIdentityKey, 'identity key');
    const message = toInput(preKeyMessage, 'pre-key message');
    return new this(coreFor(this), 'session').#setUp(account, (session, accountHandle) =>
      session.call('olm_create_inbound_session_from', accountHandle, identityKey, message),
    );
  }

  /** Runs a new session's initialiser with `account` (an Account on the same backend). */
  #setUp(account: Account, init: (session: this, account: Handle) => unknown): this {
    return this.initialise(() => init(this, this.handleOf(account, 'account', 'account')));
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
  static unpickle(pickle: BytesLike, key: BytesLike): Session {
    return new this(coreFor(this), 'session').unpickleWith('olm_unpickle_session', pickle, key);
  }

  /**
   * The same on both ends of the session.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get sessionId(): string {
    return this.operateText('olm_op_session_id', []);
  }

  /**
   * True once a message from the other side decrypted: from then on encrypt() gives type 1.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get hasReceivedMessage(): boolean {
    return this.call('olm_session_has_received_message') !== 0;
  }

  /**
   * Whether a pre-key message belongs to this session (e.g. several sent before a reply); false for one
   * that does not decode.
   *
   * @throws OlmError INVALID_BASE64, USE_AFTER_FREE after free()
   * @throws TypeError when the message is not a string or Uint8Array
   * @throws RangeError when the message is over MAX_INPUT_BYTES
   */
  matchesInbound(preKeyMessage: BytesLike): boolean {
    return this.call('olm_matches_inbound_session', toInput(preKeyMessage, 'pre-key message')) === 1;
  }

  /**
   * Like matchesInbound, and the message comes from `theirIdentityKey`.
   *
   * @throws OlmError INVALID_BASE64 (the message or the key), USE_AFTER_FREE after free()
   * @throws TypeError when an input is not a string or Uint8Array
   * @throws RangeError when an input is over MAX_INPUT_BYTES
   */
  matchesInboundFrom(theirIdentityKey: BytesLike, preKeyMessage: BytesLike): boolean {
    const identityKey = toInput(theirIdentityKey, 'identity key');
    return this.call('olm_matches_inbound_session_from', identityKey, toInput(preKeyMessage, 'pre-key message')) === 1;
  }

  /**
   * Encrypts `plaintext` (a string as UTF-8) and advances the ratchet: a pre-key message (type 0) until
   * a message from the other side has decrypted, then normal ones (type 1).
   *
   * @throws OlmError USE_AFTER_FREE after free()
   * @throws TypeError when `plaintext` is not a string or Uint8Array
   * @throws RangeError when `plaintext` is over MAX_PLAINTEXT_BYTES
   */
  encrypt(plaintext: BytesLike): OlmMessage {
    return this.withScratch((scratch) => {
      const bytes = toInput(plaintext, 'plaintext');
      const type = scratch.take(4);
      const body = this.operateText('olm_op_encrypt', [bytes, type], encryptedLength(lengthGuess(bytes)));
      return { type: type[0] as 0 | 1, body };
    });
  }

  /**
   * Decrypts a message as UTF-8 text (OlmError INVALID_UTF8 if it is not: use decryptBytes).
   *
   * @throws OlmError INVALID_BASE64, BAD_MESSAGE_VERSION, BAD_MESSAGE_FORMAT, BAD_MESSAGE_MAC (not for this
   *   session, tampered, or replayed), BAD_MESSAGE_KEY_ID (a chain index too far ahead), INVALID_UTF8,
   *   USE_AFTER_FREE after free()
   * @throws TypeError when `type` is not a number or `body` not a string or Uint8Array
   * @throws RangeError when `type` is not 0 or 1, or `body` is over MAX_INPUT_BYTES
   */
  decrypt(type: 0 | 1, body: BytesLike): string {
    // The plaintext bytes are temporary here: decoded, then wiped with the rest of the scratch.
    return this.withScratch((scratch) =>
      toText(
        this.#decrypt(type, body, scratch, (max) => scratch.take(max)),
        'Olm message',
      ),
    );
  }

  /**
   * Decrypts a message to its exact bytes.
   *
   * @throws OlmError as decrypt, but never INVALID_UTF8
   * @throws TypeError when `type` is not a number or `body` not a string or Uint8Array
   * @throws RangeError when `type` is not 0 or 1, or `body` is over MAX_INPUT_BYTES
   */
  decryptBytes(type: 0 | 1, body: BytesLike): Uint8Array {
    return this.withScratch((scratch) => this.#decrypt(type, body, scratch, (max) => new Uint8Array(max)));
  }

  #decrypt(type: 0 | 1, body: BytesLike, scratch: Scratch, buffer: (max: number) => Uint8Array): Uint8Array {
    const messageType = toMessageType(type);
    const bytes = toInput(body, 'message');
    // A plaintext is never longer than its message (the operation's rule).
    return this.operateInto('olm_op_decrypt', [messageType, bytes], buffer, lengthGuess(bytes));
  }

  /**
   * A one-line summary of the ratchet state, for debugging (no secrets).
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  describe(): string {
    const out = new Uint8Array(DESCRIPTION_LENGTH);
    this.call('olm_session_describe', out);
    // libolm always NUL-terminates it, eliding the end with "..." when it is too long.
    return ascii(out.subarray(0, out.indexOf(0)));
  }

  /**
   * The session's state encrypted with `key` (any string or bytes), base64: unpickle() restores it.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   * @throws TypeError when `key` is not a string or Uint8Array
   * @throws RangeError when `key` is over MAX_INPUT_BYTES
   */
  pickle(key: BytesLike): string {
    return this.pickleWith('olm_op_pickle_session', key);
  }
}

function toMessageType(type: 0 | 1): 0 | 1 {
  if (typeof type !== 'number') throw new TypeError(`message type must be a number, got ${describe(type)}`);
  if (type !== 0 && type !== 1) throw new RangeError(`message type must be 0 (pre-key) or 1 (normal), got ${type}`);
  return type;
}
