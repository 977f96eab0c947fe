// Secrets in the WASM module's memory after free() (issue 14, "wipes that hold"): the module's
// whole linear memory (heap, and the C stack emscripten keeps in it) is searched for every 8-byte
// window of each secret a call handled, computed here with node:crypto: private keys and their
// clamped forms, ECDH secrets, the keys libolm derives from them (PK AES/MAC keys, Olm root and
// chain keys), Ed25519 expanded keys and signing nonces. backend.heap() is the test-only view of
// that memory (test/lifetime.test.ts uses it too).
import { createHash, createHmac, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, type KeyObject } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Olm } from '../dist/api/library.js';
import { backendOf, loadBackend } from './backends.js';

const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');
const X25519_SPKI = Buffer.from('302a300506032b656e032100', 'hex');
const ZERO_SALT = new Uint8Array(32);
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

const unpaddedBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64').replace(/=+$/, '');
const fromBase64 = (text: string): Buffer => Buffer.from(text, 'base64');
const x25519Private = (key: Uint8Array): KeyObject =>
  createPrivateKey({ key: Buffer.concat([X25519_PKCS8, key]), format: 'der', type: 'pkcs8' });
const x25519Public = (key: Uint8Array): Buffer => fromBase64(createPublicKey(x25519Private(key)).export({ format: 'jwk' }).x!);
const ed25519Public = (seed: Uint8Array): Buffer =>
  fromBase64(
    createPublicKey(createPrivateKey({ key: Buffer.concat([ED25519_PKCS8, seed]), format: 'der', type: 'pkcs8' })).export({
      format: 'jwk',
    }).x!,
  );
const ecdh = (ours: Uint8Array, theirs: Uint8Array): Buffer =>
  diffieHellman({
    privateKey: x25519Private(ours),
    publicKey: createPublicKey({ key: Buffer.concat([X25519_SPKI, theirs]), format: 'der', type: 'spki' }),
  });
const hkdf = (input: Uint8Array, info: string, length: number): Buffer =>
  Buffer.from(hkdfSync('sha256', input, ZERO_SALT, info, length));

/** X25519's clamping (RFC 7748): the form the ladder works on. */
function clamped(key: Uint8Array): Uint8Array {
  const out = Uint8Array.from(key);
  out[0]! &= 248;
  out[31]! &= 127;
  out[31]! |= 64;
  return out;
}

/** An Ed25519 seed's secrets: the clamped scalar and the nonce prefix (RFC 8032 5.1.5). */
function ed25519Secrets(seed: Uint8Array): { scalar: Uint8Array; prefix: Uint8Array } {
  const hash = createHash('sha512').update(seed).digest();
  return { scalar: clamped(hash.subarray(0, 32)), prefix: hash.subarray(32) };
}

/** The signing nonce r = SHA-512(prefix | message) mod L, little-endian, and the hash itself. */
function nonceOf(prefix: Uint8Array, message: string): Uint8Array[] {
  const hash = createHash('sha512').update(prefix).update(message).digest();
  let r = 0n;
  for (let i = 63; i >= 0; i--) r = (r << 8n) | BigInt(hash[i]!);
  r %= L;
  const reduced = new Uint8Array(32);
  for (let i = 0; i < 32; i++, r >>= 8n) reduced[i] = Number(r & 0xffn);
  return [hash, reduced];
}

/** A window worth searching: not mostly zero or one bits (the C stack scan's rule). */
function searchable(window: Uint8Array): boolean {
  let bits = 0;
  for (const byte of window) for (let b = byte; b; b >>= 1) bits += b & 1;
  return bits >= 12 && bits <= 52;
}

describe('secrets in the WASM memory after free()', () => {
  let wasm: Olm;
  let native: Olm;
  let memory: () => Buffer;
  beforeAll(async () => {
    [wasm, native] = await Promise.all([loadBackend('wasm'), loadBackend('native')]);
    const backend = backendOf(wasm);
    memory = () => Buffer.from(backend.heap!().buffer);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Each secret's name with the number of memory positions holding one of its 8-byte windows. */
  function found(secrets: Record<string, Uint8Array>): Record<string, number> {
    const heap = memory();
    const counts: Record<string, number> = {};
    for (const [name, secret] of Object.entries(secrets)) {
      const positions = new Set<number>();
      for (let i = 0; i + 8 <= secret.byteLength; i++) {
        const window = secret.subarray(i, i + 8);
        if (!searchable(window)) continue;
        for (let at = heap.indexOf(window); at >= 0; at = heap.indexOf(window, at + 1)) positions.add(at);
      }
      if (positions.size > 0) counts[name] = positions.size;
    }
    return counts;
  }

  /** The random bytes libolm asks for, as the real CSPRNG filled them (copied: they are wiped). */
  function recordRandomness(): Uint8Array[] {
    const filled: Uint8Array[] = [];
    const real = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    // A spy that lets the real CSPRNG fill each buffer, then keeps a copy.
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation((array) => {
      real(array);
      filled.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength).slice());
      return array;
    });
    return filled;
  }

  it('keeps neither the PK private key nor the ECDH secret or its keys once a decryption is freed', () => {
    const privateKey = crypto.getRandomValues(new Uint8Array(32));
    privateKey[0]! |= 1; // not clamped already: the clamped form's first window is its own
    const decryption = wasm.PkDecryption.fromPrivateKey(privateKey);
    // Encrypted by the native backend: the WASM module only decrypts.
    const message = native.PkEncryption.create(decryption.publicKey).encrypt('wipes that hold');
    expect(decryption.decrypt(message)).toBe('wipes that hold');
    const shared = ecdh(privateKey, fromBase64(message.ephemeral));
    const keys = hkdf(shared, '', 80);
    const secrets = {
      privateKey,
      // Only the windows clamping changes (the others are the key's own, in the object).
      clampedPrivateKey: clamped(privateKey).subarray(0, 8),
      shared,
      aesKey: keys.subarray(0, 32),
      macKey: keys.subarray(32, 64),
    };
    // The object holds the private key until it is freed; nothing else remains anywhere.
    expect(found(secrets)).toEqual({ privateKey: 25 });
    decryption.free();
    expect(found(secrets)).toEqual({});
  });

  it("keeps none of an account's identity keys, nor a signature's nonce, once the account is freed", () => {
    const random = recordRandomness();
    const account = wasm.Account.create();
    const [seed, curve] = [random[0]!.subarray(0, 32), random[0]!.subarray(32, 64)];
    // libolm's layout of the account's 64 random bytes: the Ed25519 seed, then the Curve25519 key.
    expect(account.identityKeys).toEqual({
      ed25519: unpaddedBase64(ed25519Public(seed)),
      curve25519: unpaddedBase64(x25519Public(curve)),
    });
    const { scalar, prefix } = ed25519Secrets(seed);
    const [nonceHash, nonce] = nonceOf(prefix, 'signed');
    account.sign('signed');
    account.free();
    const secrets = { seed, scalar, prefix, nonceHash: nonceHash!, nonce: nonce!, curve, clampedCurve: clamped(curve) };
    expect(found(secrets)).toEqual({});
  });

  it("keeps neither an Olm session's X3DH secrets nor its root and chain keys once it is freed", () => {
    const random = recordRandomness();
    const alice = wasm.Account.create();
    const bob = wasm.Account.create();
    bob.generateOneTimeKeys(1);
    const session = wasm.Session.createOutbound(alice, bob.identityKeys.curve25519, Object.values(bob.oneTimeKeys)[0]!);
    session.encrypt('hello');
    const [aliceIdentity, bobIdentity, bobOneTime, base] = [
      random[0]!.subarray(32, 64),
      random[1]!.subarray(32, 64),
      random[2]!.subarray(0, 32),
      random[3]!.subarray(0, 32),
    ];
    expect(unpaddedBase64(x25519Public(bobOneTime))).toBe(Object.values(bob.oneTimeKeys)[0]);
    // X3DH as libolm's session.cpp orders it, then HKDF("OLM_ROOT"): root key, chain key.
    const x3dh = Buffer.concat([
      ecdh(aliceIdentity, x25519Public(bobOneTime)),
      ecdh(base, x25519Public(bobIdentity)),
      ecdh(base, x25519Public(bobOneTime)),
    ]);
    const rootAndChain = hkdf(x3dh, 'OLM_ROOT', 64);
    const chainKey = rootAndChain.subarray(32);
    const secrets = {
      x3dh,
      rootKey: rootAndChain.subarray(0, 32),
      chainKey,
      messageKey: createHmac('sha256', chainKey)
        .update(Buffer.from([1]))
        .digest(),
      base,
      clampedBase: clamped(base),
      ratchetKey: random[3]!.subarray(32, 64),
    };
    // The session object holds the root and chain keys (the chain key has advanced) until freed.
    expect(Object.keys(found(secrets))).toContain('rootKey');
    session.free();
    alice.free();
    bob.free();
    expect(found(secrets)).toEqual({});
  });
});
