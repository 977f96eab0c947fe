// Public-key encryption to a curve25519 key (PkEncryption -> PkDecryption), and ed25519 signing
// from a seed (PkSigning): libolm's "pk" API, used e.g. for Matrix key backups and cross-signing.
import {
  ascii,
  describe,
  encryptedLength,
  lengthGuess,
  toBytes,
  toExactBytes,
  toInput,
  toText,
  type BytesLike,
} from './bytes.js';
import { PK_KEY_LENGTH, PK_MAC_LENGTH, PK_PRIVATE_KEY_LENGTH, PK_SIGNING_SEED_LENGTH } from './constants.js';
import { OlmError } from './errors.js';
import { coreFor, OlmObject } from '../binding/olm-object.js';

/** One encrypted message: each field is unpadded base64, as libolm writes it. */
export interface PkMessage {
  /** The AES-256-CBC ciphertext. */
  ciphertext: string;
  /** The truncated HMAC-SHA-256 of the ciphertext (8 bytes). */
  mac: string;
  /** The sender's one-use Curve25519 public key. */
  ephemeral: string;
}

/** Encryption to a PkDecryption's public key (e.g. Matrix key backups). Made by create(); free() wipes it. */
export class PkEncryption extends OlmObject {
  /**
   * Encrypts to `recipientKey`, a PkDecryption's publicKey.
   *
   * @throws OlmError INPUT_BUFFER_TOO_SMALL (a key shorter than 43 base64 characters)
   * @throws TypeError when `recipientKey` is not a string or Uint8Array
   * @throws RangeError when `recipientKey` is over MAX_INPUT_BYTES
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static create(recipientKey: BytesLike): PkEncryption {
    const key = toInput(recipientKey, 'recipient key');
    const encryption = new this(coreFor(this), 'pk_encryption');
    return encryption.initialise(() => encryption.call('olm_pk_encryption_set_recipient_key', key));
  }

  /**
   * Encrypts `plaintext` (a string as UTF-8) with a fresh ephemeral key.
   *
   * @throws OlmError BAD_MESSAGE_KEY_ID (a recipient key of low order: anyone could read the message),
   *   USE_AFTER_FREE after free()
   * @throws TypeError when `plaintext` is not a string or Uint8Array
   * @throws RangeError when `plaintext` is over MAX_PLAINTEXT_BYTES
   */
  encrypt(plaintext: BytesLike): PkMessage {
    return this.withScratch((scratch) => {
      const bytes = toInput(plaintext, 'plaintext');
      // The ciphertext, then the MAC and the ephemeral key (native/ops/ops.h).
      const out = this.operateInto(
        'olm_op_pk_encrypt',
        [bytes],
        (length) => scratch.take(length),
        encryptedLength(lengthGuess(bytes)),
      );
      const macAt = out.byteLength - PK_MAC_LENGTH - PK_KEY_LENGTH;
      return {
        ciphertext: ascii(out.subarray(0, macAt)),
        mac: ascii(out.subarray(macAt, macAt + PK_MAC_LENGTH)),
        ephemeral: ascii(out.subarray(macAt + PK_MAC_LENGTH)),
      };
    });
  }
}

/**
 * A Curve25519 key pair that decrypts what PkEncryption sent to its publicKey. Made by create(),
 * fromPrivateKey() or unpickle(); free() wipes it.
 */
export class PkDecryption extends OlmObject {
  // libolm has no getter for it: it is only written when the key is set or unpickled.
  #publicKey = '';

  /**
   * A fresh random key pair.
   *
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static create(): PkDecryption {
    const decryption = new this(coreFor(this), 'pk_decryption');
    return decryption.initialise(() => {
      decryption.#publicKey = decryption.operateText('olm_op_pk_generate_key', []);
    });
  }

  /**
   * The key pair of a privateKey saved earlier (exactly PK_PRIVATE_KEY_LENGTH bytes).
   *
   * @throws TypeError when `privateKey` is not a Uint8Array
   * @throws RangeError when `privateKey` is not PK_PRIVATE_KEY_LENGTH (32) bytes
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static fromPrivateKey(privateKey: Uint8Array): PkDecryption {
    const key = toExactBytes(privateKey, PK_PRIVATE_KEY_LENGTH, 'private key');
    const decryption = new this(coreFor(this), 'pk_decryption');
    return decryption.initialise(() => decryption.#setPrivateKey(key));
  }

  /**
   * Restores a key pair from pickle() with the same key.
   *
   * @throws OlmError INVALID_BASE64, BAD_ACCOUNT_KEY (a wrong key, or not a pickle), UNKNOWN_PICKLE_VERSION,
   *   CORRUPTED_PICKLE, PICKLE_EXTRA_DATA
   * @throws TypeError when the pickle or key is not a string or Uint8Array
   * @throws RangeError when the pickle or key is over MAX_INPUT_BYTES
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static unpickle(pickle: BytesLike, key: BytesLike): PkDecryption {
    const pickleKey = toInput(key, 'pickle key');
    const pickled = toInput(pickle, 'pickle');
    const decryption = new this(coreFor(this), 'pk_decryption');
    return decryption.initialise(() => {
      decryption.#publicKey = decryption.withScratch((scratch) => {
        const out = scratch.take(PK_KEY_LENGTH);
        decryption.call('olm_unpickle_pk_decryption', pickleKey, pickled, out);
        return ascii(out);
      });
    });
  }

  #setPrivateKey(privateKey: Uint8Array): void {
    this.#publicKey = this.operateText('olm_op_pk_key_from_private', [privateKey]);
  }

  /**
   * The curve25519 public key (base64) that senders encrypt to.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get publicKey(): string {
    void this.handle; // throws USE_AFTER_FREE once freed, like every other accessor
    return this.#publicKey;
  }

  /**
   * A copy of the raw private key: fromPrivateKey() restores the pair from it.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get privateKey(): Uint8Array {
    const out = new Uint8Array(PK_PRIVATE_KEY_LENGTH);
    this.call('olm_pk_get_private_key', out);
    return out;
  }

  /**
   * Decrypts a message as UTF-8 text (OlmError INVALID_UTF8 if it is not: use decryptBytes).
   *
   * @throws OlmError INVALID_BASE64, BAD_MESSAGE_FORMAT (a ciphertext that is not whole AES blocks),
   *   BAD_MESSAGE_KEY_ID (an ephemeral key of low order), BAD_MESSAGE_MAC (a wrong key or mac), INVALID_UTF8,
   *   USE_AFTER_FREE after free()
   * @throws TypeError when `message` is not an object, or a field is not a string or Uint8Array
   * @throws RangeError when a field is over MAX_INPUT_BYTES
   */
  decrypt(message: PkMessage): string {
    return toText(this.decryptBytes(message), 'PK message');
  }

  /**
   * Decrypts a message to its exact bytes.
   *
   * @throws OlmError as decrypt, but never INVALID_UTF8
   * @throws TypeError when `message` is not an object, or a field is not a string or Uint8Array
   * @throws RangeError when a field is over MAX_INPUT_BYTES
   */
  decryptBytes(message: PkMessage): Uint8Array {
    if (typeof message !== 'object' || message === null) {
      throw new TypeError(`message must be a PkMessage, got ${describe(message)}`);
    }
    return this.withScratch((scratch) => {
      const ephemeral = toInput(message.ephemeral, 'ephemeral key');
      const mac = toInput(message.mac, 'mac');
      // In bytes here: its length decides an error code before C sees it.
      const ciphertext = toBytes(message.ciphertext, 'ciphertext', scratch);
      checkCiphertextLength(ciphertext);
      // A plaintext is never longer than its ciphertext (the operation's rule).
      return this.operateInto(
        'olm_op_pk_decrypt',
        [ephemeral, mac, ciphertext],
        (length) => new Uint8Array(length),
        ciphertext.byteLength,
      );
    });
  }

  /**
   * The key pair encrypted with `key` (any string or bytes), base64: unpickle() restores it.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   * @throws TypeError when `key` is not a string or Uint8Array
   * @throws RangeError when `key` is over MAX_INPUT_BYTES
   */
  pickle(key: BytesLike): string {
    return this.pickleWith('olm_op_pickle_pk_decryption', key);
  }
}

/**
 * olm_pk_max_plaintext_length returns olm_error() for a ciphertext whose length is not valid
 * base64 without setting an error code (it has no object to set it on): refused here with the
 * code olm_pk_decrypt gives. Lengths that are not whole AES blocks are refused by libolm itself
 * (vendor/olm/patches/0002): OlmError BAD_MESSAGE_FORMAT.
 */
function checkCiphertextLength(ciphertext: Uint8Array): void {
  if (ciphertext.byteLength % 4 === 1) throw new OlmError('INVALID_BASE64', 'PK ciphertext');
}

/**
 * An Ed25519 key pair from a seed, for signing (e.g. Matrix cross-signing). Made by fromSeed(); free() wipes
 * it.
 */
export class PkSigning extends OlmObject {
  #publicKey = '';

  /**
   * A fresh random seed (PK_SIGNING_SEED_LENGTH bytes) for fromSeed(); keep it secret.
   *
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static generateSeed(): Uint8Array {
    return coreFor(this).random(new Uint8Array(PK_SIGNING_SEED_LENGTH));
  }

  /**
   * The ed25519 key pair of a seed (exactly PK_SIGNING_SEED_LENGTH bytes).
   *
   * @throws TypeError when `seed` is not a Uint8Array
   * @throws RangeError when `seed` is not PK_SIGNING_SEED_LENGTH (32) bytes
   * @throws Error before init() has run (the classes of an Olm from load() are always ready)
   */
  static fromSeed(seed: Uint8Array): PkSigning {
    const bytes = toExactBytes(seed, PK_SIGNING_SEED_LENGTH, 'seed');
    const signing = new this(coreFor(this), 'pk_signing');
    return signing.initialise(() => {
      signing.#publicKey = signing.operateText('olm_op_pk_signing_key_from_seed', [bytes]);
    });
  }

  /**
   * The ed25519 public key (base64) that verifies this object's signatures.
   *
   * @throws OlmError USE_AFTER_FREE after free()
   */
  get publicKey(): string {
    void this.handle; // throws USE_AFTER_FREE once freed, like every other accessor
    return this.#publicKey;
  }

  /**
   * An ed25519 signature (base64) of the message's bytes (strings are signed as UTF-8).
   *
   * @throws OlmError USE_AFTER_FREE after free()
   * @throws TypeError when `message` is not a string or Uint8Array
   * @throws RangeError when `message` is over MAX_INPUT_BYTES
   */
  sign(message: BytesLike): string {
    return this.operateText('olm_op_pk_sign', [toInput(message, 'message')]);
  }
}
