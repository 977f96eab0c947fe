// The primitives libolm's formats are built from, over node:crypto (no code from libolm):
// HMAC-SHA256, HKDF-SHA256, AES-256-CBC, X25519/Ed25519 key pairs from raw private keys.
import crypto from 'node:crypto';
import { concat } from './bytes.js';

export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return new Uint8Array(crypto.createHmac('sha256', key).update(data).digest());
}

/** HKDF-SHA256 with an empty salt, as libolm calls it (a NULL salt is HMAC with a zero key). */
export function hkdfSha256(ikm: Uint8Array, info: string, length: number): Uint8Array {
  return new Uint8Array(crypto.hkdfSync('sha256', ikm, new Uint8Array(0), Buffer.from(info), length));
}

/** libolm's cipher (cipher.cpp): HKDF(key, info) gives the AES key, the HMAC key and the IV. */
export interface CipherKeys {
  aesKey: Uint8Array;
  macKey: Uint8Array;
  iv: Uint8Array;
}

export function cipherKeys(key: Uint8Array, info: string): CipherKeys {
  const derived = hkdfSha256(key, info, 80);
  return { aesKey: derived.subarray(0, 32), macKey: derived.subarray(32, 64), iv: derived.subarray(64, 80) };
}

/** AES-256-CBC with PKCS#7 padding, as libolm encrypts. */
export function aesCbcEncrypt(keys: CipherKeys, plaintext: Uint8Array): Uint8Array {
  const cipher = crypto.createCipheriv('aes-256-cbc', keys.aesKey, keys.iv);
  return new Uint8Array(concat(cipher.update(plaintext), cipher.final()));
}

/** The inverse; null when the padding is wrong or the length is not whole blocks. */
export function aesCbcDecrypt(keys: CipherKeys, ciphertext: Uint8Array): Uint8Array | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-cbc', keys.aesKey, keys.iv);
    return new Uint8Array(concat(decipher.update(ciphertext), decipher.final()));
  } catch {
    return null;
  }
}

/** libolm's 8-byte truncated HMAC-SHA256. */
export function mac8(macKey: Uint8Array, data: Uint8Array): Uint8Array {
  return hmacSha256(macKey, data).subarray(0, 8);
}

const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');
const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');

export interface Ed25519Pair {
  publicKey: Uint8Array;
  sign(data: Uint8Array): Uint8Array;
}

export function ed25519FromSeed(seed: Uint8Array): Ed25519Pair {
  const privateKey = crypto.createPrivateKey({ key: Buffer.concat([ED25519_PKCS8, seed]), format: 'der', type: 'pkcs8' });
  const spki = crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return {
    publicKey: new Uint8Array(spki.subarray(spki.length - 32)),
    sign: (data) => new Uint8Array(crypto.sign(null, data, privateKey)),
  };
}

/** The X25519 public key of a raw private key. */
export function x25519Public(privateKey: Uint8Array): Uint8Array {
  const key = crypto.createPrivateKey({ key: Buffer.concat([X25519_PKCS8, privateKey]), format: 'der', type: 'pkcs8' });
  const spki = crypto.createPublicKey(key).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - 32));
}

/** Deterministic bytes for test keys: SHA-256 counter mode over a label. */
export function deterministicBytes(label: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let block = 0; block * 32 < length; block++) {
    const digest = crypto.createHash('sha256').update(`${label}/${block}`).digest();
    out.set(digest.subarray(0, Math.min(32, length - block * 32)), block * 32);
  }
  return out;
}
