// libolm pickles: the encryption (pickle_encoding.c, cipher.cpp: HKDF-SHA256 "Pickle" → AES-256-CBC
// key, HMAC key, IV; 8-byte truncated HMAC over the ciphertext; unpadded base64) and a field-level
// parse of each object's pickle, so a fuzzer can change the structure and re-encrypt it under a
// MAC libolm accepts.
import { concat, fromBase64, readU32be, toBase64, u32be, utf8 } from './bytes.js';
import { aesCbcDecrypt, aesCbcEncrypt, cipherKeys, mac8 } from './primitives.js';

const PICKLE_INFO = 'Pickle';

function keyBytes(key: string | Uint8Array): Uint8Array {
  return typeof key === 'string' ? utf8(key) : key;
}

/** The raw pickle inside libolm's base64; null if the MAC or the padding is wrong. */
export function decryptPickle(pickle: string, key: string | Uint8Array): Uint8Array | null {
  const bytes = fromBase64(pickle);
  if (bytes.byteLength < 8) return null;
  const keys = cipherKeys(keyBytes(key), PICKLE_INFO);
  const ciphertext = bytes.subarray(0, bytes.byteLength - 8);
  if (Buffer.compare(mac8(keys.macKey, ciphertext), bytes.subarray(bytes.byteLength - 8)) !== 0) return null;
  return aesCbcDecrypt(keys, ciphertext);
}

/** Any raw bytes as a pickle libolm will decrypt (valid MAC, valid padding). */
export function encryptPickle(raw: Uint8Array, key: string | Uint8Array): string {
  const keys = cipherKeys(keyBytes(key), PICKLE_INFO);
  const ciphertext = aesCbcEncrypt(keys, raw);
  return toBase64(concat(ciphertext, mac8(keys.macKey, ciphertext)));
}

/** One pickled value: its bytes as written (u32 big-endian, bool/u8 one byte, keys raw). */
export interface PickleField {
  name: string;
  kind: 'u32' | 'u8' | 'bool' | 'bytes';
  bytes: Uint8Array;
}

export type PickleKind = 'account' | 'session' | 'outbound-group' | 'inbound-group' | 'pk-decryption';

class Reader {
  readonly fields: PickleField[] = [];
  #pos = 0;
  constructor(readonly raw: Uint8Array) {}

  take(name: string, kind: PickleField['kind'], length: number): Uint8Array {
    if (this.#pos + length > this.raw.byteLength) throw new RangeError(`pickle ends inside ${name}`);
    const bytes = this.raw.slice(this.#pos, this.#pos + length);
    this.#pos += length;
    this.fields.push({ name, kind, bytes });
    return bytes;
  }
  u32(name: string): number {
    return readU32be(this.take(name, 'u32', 4), 0);
  }
  u8(name: string): number {
    return this.take(name, 'u8', 1)[0]!;
  }
  bool(name: string): void {
    this.take(name, 'bool', 1);
  }
  key(name: string, length: number): void {
    this.take(name, 'bytes', length);
  }
  rest(): void {
    if (this.#pos < this.raw.byteLength) this.take('trailing', 'bytes', this.raw.byteLength - this.#pos);
  }
}

function parseOneTimeKey(r: Reader, prefix: string): void {
  r.u32(`${prefix}.id`);
  r.bool(`${prefix}.published`);
  r.key(`${prefix}.public`, 32);
  r.key(`${prefix}.private`, 32);
}

// Account pickle version 4 (account.cpp): identity keys, one-time keys, fallback keys, next id.
function parseAccount(r: Reader): void {
  r.u32('version');
  r.key('ed25519.public', 32);
  r.key('ed25519.private', 64);
  r.key('curve25519.public', 32);
  r.key('curve25519.private', 32);
  const count = r.u32('oneTimeKeys.count');
  for (let i = 0; i < count; i++) parseOneTimeKey(r, `oneTimeKeys[${i}]`);
  const fallbacks = r.u8('fallbackKeys.count');
  for (let i = 0; i < Math.min(fallbacks, 2); i++) parseOneTimeKey(r, `fallbackKeys[${i}]`);
  r.u32('nextOneTimeKeyId');
}

// Session pickle (session.cpp, ratchet.cpp): the 3DH keys, then root key and the chains.
function parseSession(r: Reader): void {
  const version = r.u32('version');
  r.bool('receivedMessage');
  r.key('aliceIdentityKey', 32);
  r.key('aliceBaseKey', 32);
  r.key('bobOneTimeKey', 32);
  r.key('rootKey', 32);
  const senders = r.u32('senderChains.count');
  for (let i = 0; i < senders; i++) {
    r.key(`senderChains[${i}].ratchetKey.public`, 32);
    r.key(`senderChains[${i}].ratchetKey.private`, 32);
    r.key(`senderChains[${i}].chainKey`, 32);
    r.u32(`senderChains[${i}].index`);
  }
  const receivers = r.u32('receiverChains.count');
  for (let i = 0; i < receivers; i++) {
    r.key(`receiverChains[${i}].ratchetKey`, 32);
    r.key(`receiverChains[${i}].chainKey`, 32);
    r.u32(`receiverChains[${i}].index`);
  }
  const skipped = r.u32('skippedKeys.count');
  for (let i = 0; i < skipped; i++) {
    r.key(`skippedKeys[${i}].ratchetKey`, 32);
    r.key(`skippedKeys[${i}].messageKey`, 32);
    r.u32(`skippedKeys[${i}].index`);
  }
  if (version === 0x80000001) r.u32('chainIndex');
}

function parseMegolm(r: Reader, prefix: string): void {
  r.key(`${prefix}.ratchet`, 128);
  r.u32(`${prefix}.counter`);
}

// outbound_group_session.c: version 1, ratchet, ed25519 key pair.
function parseOutboundGroup(r: Reader): void {
  r.u32('version');
  parseMegolm(r, 'ratchet');
  r.key('ed25519.public', 32);
  r.key('ed25519.private', 64);
}

// inbound_group_session.c: version 2, initial and latest ratchets, signing key, verified flag.
function parseInboundGroup(r: Reader): void {
  const version = r.u32('version');
  parseMegolm(r, 'initialRatchet');
  parseMegolm(r, 'latestRatchet');
  r.key('signingKey', 32);
  if (version >= 2) r.bool('verified');
}

// pk.cpp: version 1, curve25519 key pair.
function parsePkDecryption(r: Reader): void {
  r.u32('version');
  r.key('curve25519.public', 32);
  r.key('curve25519.private', 32);
}

const PARSERS: Record<PickleKind, (r: Reader) => void> = {
  account: parseAccount,
  session: parseSession,
  'outbound-group': parseOutboundGroup,
  'inbound-group': parseInboundGroup,
  'pk-decryption': parsePkDecryption,
};

/** A raw pickle's fields, in order; bytes after the last field become a 'trailing' field. */
export function parsePickle(kind: PickleKind, raw: Uint8Array): PickleField[] {
  const reader = new Reader(raw);
  PARSERS[kind](reader);
  reader.rest();
  return reader.fields;
}

export function serializePickle(fields: readonly PickleField[]): Uint8Array {
  return concat(...fields.map((field) => field.bytes));
}

export function field(fields: readonly PickleField[], name: string): PickleField {
  const found = fields.find((candidate) => candidate.name === name);
  if (found === undefined) throw new RangeError(`no pickle field ${name}`);
  return found;
}

export function setU32(fields: PickleField[], name: string, value: number): void {
  field(fields, name).bytes = u32be(value);
}
