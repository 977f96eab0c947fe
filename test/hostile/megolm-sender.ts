// A Megolm sender that holds the keys (vendor/olm/docs/megolm.md): its own ed25519 key and ratchet, the session
// key export InboundGroupSession.create takes, and MAC-valid, signed messages whose protobuf and
// ciphertext are whatever the caller asks (not whole AES blocks, empty, duplicated fields, ...).
import { concat, toBase64, u32be } from './bytes.js';
import { PROTOCOL_VERSION, TAG, encodeMessage, type Field } from './protobuf.js';
import {
  aesCbcEncrypt,
  cipherKeys,
  deterministicBytes,
  ed25519FromSeed,
  hmacSha256,
  mac8,
  type CipherKeys,
  type Ed25519Pair,
} from './primitives.js';

const PARTS = 4;
const PART_LENGTH = 32;
const SESSION_KEY_VERSION = 2;
const EXPORT_VERSION = 1;

/** The ratchet R(i) = R_0..R_3 at a counter, advanced as megolm.c does. */
export class MegolmRatchet {
  constructor(
    readonly data: Uint8Array,
    public counter: number,
  ) {}

  clone(): MegolmRatchet {
    return new MegolmRatchet(this.data.slice(), this.counter);
  }

  // R_to = HMAC(R_from, to): the part `to` rekeyed from part `from`.
  #rehash(from: number, to: number): void {
    const key = this.data.slice(from * PART_LENGTH, (from + 1) * PART_LENGTH);
    this.data.set(hmacSha256(key, new Uint8Array([to])), to * PART_LENGTH);
  }

  /** Advances to `index` (≥ counter) the way libolm's megolm_advance_to does. */
  advanceTo(index: number): this {
    for (let j = 0; j < PARTS; j++) {
      const shift = (PARTS - j - 1) * 8;
      const mask = shift === 24 ? 0xff000000 : (0xffffffff << shift) >>> 0;
      let steps = ((index >>> shift) - (this.counter >>> shift)) & 0xff;
      if (steps === 0) {
        if (index < this.counter) steps = 0x100;
        else continue;
      }
      for (; steps > 1; steps--) this.#rehash(j, j);
      for (let k = PARTS - 1; k >= j; k--) this.#rehash(j, k);
      this.counter = (index & mask) >>> 0;
    }
    return this;
  }

  /** The message keys at this index: HKDF-SHA256(R, "MEGOLM_KEYS"). */
  keys(): CipherKeys {
    return cipherKeys(this.data, 'MEGOLM_KEYS');
  }
}

export interface MegolmMessageOptions {
  /** The ratchet index whose keys MAC the message (default: the sender's current one). */
  index?: number;
  /** The message index field's value (default: `index`). */
  messageIndexField?: number | bigint;
  plaintext?: Uint8Array;
  /** Raw ciphertext bytes in place of the encrypted plaintext: any length. */
  ciphertext?: Uint8Array;
  /** The fields after the version byte, from the ciphertext (default: index, ciphertext). */
  fields?: (ciphertext: Uint8Array, index: number) => Field[];
  version?: number;
}

export class MegolmSender {
  readonly signing: Ed25519Pair;
  readonly initial: MegolmRatchet;
  // Keys by index: advancing far (2^24) costs a thousand HMACs, and fuzzers reuse a few indices.
  readonly #keys = new Map<number, CipherKeys>();

  constructor(seed = 'olm-universal hostile megolm sender', startIndex = 0) {
    this.signing = ed25519FromSeed(deterministicBytes(`${seed}/ed25519`, 32));
    this.initial = new MegolmRatchet(deterministicBytes(`${seed}/ratchet`, PARTS * PART_LENGTH), startIndex);
  }

  ratchetAt(index: number): MegolmRatchet {
    return index === this.initial.counter ? this.initial.clone() : this.initial.clone().advanceTo(index);
  }

  /** The signed session key (version 2) for InboundGroupSession.create, at `index`. */
  sessionKey(index = this.initial.counter): string {
    const ratchet = this.ratchetAt(index);
    const body = concat(new Uint8Array([SESSION_KEY_VERSION]), u32be(ratchet.counter), ratchet.data, this.signing.publicKey);
    return toBase64(concat(body, this.signing.sign(body)));
  }

  /** The unsigned export (version 1) for InboundGroupSession.import. */
  exportedKey(index = this.initial.counter): string {
    const ratchet = this.ratchetAt(index);
    return toBase64(concat(new Uint8Array([EXPORT_VERSION]), u32be(ratchet.counter), ratchet.data, this.signing.publicKey));
  }

  keysAt(index: number): CipherKeys {
    let keys = this.#keys.get(index);
    if (keys === undefined) {
      keys = this.ratchetAt(index).keys();
      if (this.#keys.size < 64) this.#keys.set(index, keys);
    }
    return keys;
  }

  /** Appends the MAC (keys of `index`) and the signature to any body: what libolm checks first. */
  seal(body: Uint8Array, index: number): Uint8Array {
    const withMac = concat(body, mac8(this.keysAt(index).macKey, body));
    return concat(withMac, this.signing.sign(withMac));
  }

  encryptAt(index: number, plaintext: Uint8Array): Uint8Array {
    return aesCbcEncrypt(this.keysAt(index), plaintext);
  }

  /** A MAC-valid, signed message, base64 as InboundGroupSession.decrypt takes it. */
  message(options: MegolmMessageOptions = {}): string {
    return toBase64(this.messageBytes(options));
  }

  messageBytes(options: MegolmMessageOptions = {}): Uint8Array {
    const index = options.index ?? this.initial.counter;
    const ciphertext = options.ciphertext ?? this.encryptAt(index, options.plaintext ?? new Uint8Array(0));
    const fields = options.fields?.(ciphertext, index) ?? [
      { kind: 'varint', tag: TAG.messageIndex, value: options.messageIndexField ?? index },
      { kind: 'bytes', tag: TAG.groupCiphertext, value: ciphertext },
    ];
    return this.seal(encodeMessage(options.version ?? PROTOCOL_VERSION, fields), index);
  }
}
