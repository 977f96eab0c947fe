// An Olm sender that holds an outbound session's keys (vendor/olm/docs/olm.md): read from the session's pickle
// (its sender chain key and ratchet key), it derives message keys (chain key → message key by
// HMAC, HKDF "OLM_KEYS" → AES key, MAC key, IV) and emits MAC-valid normal (type 1) messages and
// pre-key (type 0) wrappers with any protobuf or ciphertext.
import { concat, readU32be, toBase64 } from './bytes.js';
import { PROTOCOL_VERSION, TAG, encodeMessage, type Field } from './protobuf.js';
import { decryptPickle, field, parsePickle, type PickleField } from './pickle.js';
import { aesCbcEncrypt, cipherKeys, hmacSha256, mac8, type CipherKeys } from './primitives.js';

const MESSAGE_KEY_SEED = new Uint8Array([0x01]);
const CHAIN_KEY_SEED = new Uint8Array([0x02]);

export interface OlmMessageOptions {
  /** The chain index whose message key MACs the message (default: the pickled index). */
  counter?: number;
  /** The counter field's value (default: `counter`). */
  counterField?: number | bigint;
  plaintext?: Uint8Array;
  /** Raw ciphertext bytes in place of the encrypted plaintext: any length. */
  ciphertext?: Uint8Array;
  /** The fields after the version byte (default: ratchet key, counter, ciphertext). */
  fields?: (ciphertext: Uint8Array, counter: number) => Field[];
  version?: number;
}

export interface PreKeyOptions {
  /** The fields after the version byte (default: one-time key, base key, identity key, message). */
  fields?: (inner: Uint8Array) => Field[];
  version?: number;
}

export class OlmSender {
  readonly identityKey: Uint8Array;
  readonly baseKey: Uint8Array;
  readonly oneTimeKey: Uint8Array;
  readonly ratchetKey: Uint8Array;
  readonly chainKey: Uint8Array;
  readonly chainIndex: number;

  /** From the pickle of an outbound Session (created with createOutbound, not yet replied to). */
  constructor(sessionPickle: string, pickleKey: string | Uint8Array) {
    const raw = decryptPickle(sessionPickle, pickleKey);
    if (raw === null) throw new Error('the session pickle does not decrypt under this key');
    const fields: PickleField[] = parsePickle('session', raw);
    const bytes = (name: string): Uint8Array => field(fields, name).bytes;
    this.identityKey = bytes('aliceIdentityKey');
    this.baseKey = bytes('aliceBaseKey');
    this.oneTimeKey = bytes('bobOneTimeKey');
    this.ratchetKey = bytes('senderChains[0].ratchetKey.public');
    this.chainKey = bytes('senderChains[0].chainKey');
    this.chainIndex = readU32be(bytes('senderChains[0].index'), 0);
  }

  /** The AES key, MAC key and IV of the message at `counter` on the sender chain. */
  keysAt(counter: number): CipherKeys {
    if (counter < this.chainIndex) throw new RangeError(`counter ${counter} is before the chain index`);
    let chainKey = this.chainKey;
    for (let i = this.chainIndex; i < counter; i++) chainKey = hmacSha256(chainKey, CHAIN_KEY_SEED);
    return cipherKeys(hmacSha256(chainKey, MESSAGE_KEY_SEED), 'OLM_KEYS');
  }

  /** A MAC-valid normal message's bytes (the whole message is under the MAC). */
  messageBytes(options: OlmMessageOptions = {}): Uint8Array {
    const counter = options.counter ?? this.chainIndex;
    const keys = this.keysAt(counter);
    const ciphertext = options.ciphertext ?? aesCbcEncrypt(keys, options.plaintext ?? new Uint8Array(0));
    const fields = options.fields?.(ciphertext, counter) ?? [
      { kind: 'bytes', tag: TAG.ratchetKey, value: this.ratchetKey },
      { kind: 'varint', tag: TAG.counter, value: options.counterField ?? counter },
      { kind: 'bytes', tag: TAG.ciphertext, value: ciphertext },
    ];
    const body = encodeMessage(options.version ?? PROTOCOL_VERSION, fields);
    return concat(body, mac8(keys.macKey, body));
  }

  /** A type 1 message, base64. */
  message(options: OlmMessageOptions = {}): string {
    return toBase64(this.messageBytes(options));
  }

  /** A pre-key (type 0) wrapper around any inner message bytes. */
  preKeyBytes(inner: Uint8Array, options: PreKeyOptions = {}): Uint8Array {
    const fields = options.fields?.(inner) ?? [
      { kind: 'bytes', tag: TAG.oneTimeKey, value: this.oneTimeKey },
      { kind: 'bytes', tag: TAG.baseKey, value: this.baseKey },
      { kind: 'bytes', tag: TAG.identityKey, value: this.identityKey },
      { kind: 'bytes', tag: TAG.message, value: inner },
    ];
    return encodeMessage(options.version ?? PROTOCOL_VERSION, fields);
  }

  /** A pre-key message wrapping a MAC-valid inner message, base64. */
  preKeyMessage(inner: OlmMessageOptions = {}, options: PreKeyOptions = {}): string {
    return toBase64(this.preKeyBytes(this.messageBytes(inner), options));
  }
}
