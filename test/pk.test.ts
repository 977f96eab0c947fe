// PkEncryption / PkDecryption / PkSigning on each backend: round trips, errors, known answers.
import { beforeAll, describe, expect, it } from 'vitest';
import { PK_PRIVATE_KEY_LENGTH, PK_SIGNING_SEED_LENGTH, type Olm, type PkMessage } from '../dist/api/library.js';
import { BACKENDS, loadBackend, loadReference, type Reference } from './backends.js';
import { codeOf } from './codes.js';
import {
  MESSAGE,
  MESSAGE_PLAINTEXT,
  PICKLE,
  PRIVATE_KEY,
  PUBLIC_KEY,
  SEED,
  SIGNATURE,
  SIGNED,
  SIGNING_KEY,
} from './vectors/reference-pk.js';

/** `text` with one base64 character changed. */
function flipAt(text: string, at: number): string {
  return text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
}

describe.each(BACKENDS)('pk on %s', (name) => {
  let olm: Olm;
  let reference: Reference;
  beforeAll(async () => {
    olm = await loadBackend(name);
    reference = await loadReference();
  });

  function pair() {
    const decryption = olm.PkDecryption.create();
    return { decryption, encryption: olm.PkEncryption.create(decryption.publicKey) };
  }

  it('round-trips text, including non-ASCII, empty and long', () => {
    const { encryption, decryption } = pair();
    expect(decryption.publicKey).toMatch(/^[A-Za-z0-9+/]{43}$/);
    for (const text of ['hello', 'héllo wörld ✓ 🔐', '', 'ü'.repeat(5000)]) {
      const message = encryption.encrypt(text);
      expect(message.ciphertext).toMatch(/^[A-Za-z0-9+/]+$/);
      expect(message.mac).toMatch(/^[A-Za-z0-9+/]{11}$/);
      expect(message.ephemeral).toMatch(/^[A-Za-z0-9+/]{43}$/);
      expect(decryption.decrypt(message)).toBe(text);
    }
  });

  it('round-trips arbitrary bytes, including NUL and invalid UTF-8', () => {
    const { encryption, decryption } = pair();
    const bytes = new Uint8Array([0, 0xff, 0xfe, 0x80, 0, 1, 2, 0]);
    const message = encryption.encrypt(bytes);
    expect(decryption.decryptBytes(message)).toEqual(bytes);
    expect(codeOf(() => decryption.decrypt(message))).toBe('INVALID_UTF8');
    // A string and its UTF-8 bytes are the same plaintext.
    expect(decryption.decryptBytes(encryption.encrypt('ü✓'))).toEqual(new TextEncoder().encode('ü✓'));
  });

  it('uses a fresh ephemeral key for every message', () => {
    const { encryption, decryption } = pair();
    const [a, b] = [encryption.encrypt('same'), encryption.encrypt('same')];
    expect(a.ephemeral).not.toBe(b.ephemeral);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect([decryption.decrypt(a), decryption.decrypt(b)]).toEqual(['same', 'same']);
    expect(olm.PkDecryption.create().publicKey).not.toBe(decryption.publicKey);
  });

  it('restores a key pair from its private key; privateKey is a copy', () => {
    const { encryption, decryption } = pair();
    const privateKey = decryption.privateKey;
    expect(privateKey).toBeInstanceOf(Uint8Array);
    expect(privateKey.byteLength).toBe(PK_PRIVATE_KEY_LENGTH);
    const restored = olm.PkDecryption.fromPrivateKey(privateKey);
    expect(restored.publicKey).toBe(decryption.publicKey);
    expect(restored.privateKey).toEqual(privateKey);
    expect(restored.decrypt(encryption.encrypt('to the restored key'))).toBe('to the restored key');
    privateKey.fill(0);
    expect(decryption.privateKey).toEqual(restored.privateKey);
    expect(decryption.privateKey).not.toEqual(privateKey);
  });

  it('refuses private keys and seeds that are not exactly 32 bytes', () => {
    for (const length of [0, 31, 33]) {
      expect(() => olm.PkDecryption.fromPrivateKey(new Uint8Array(length))).toThrow(RangeError);
      expect(() => olm.PkSigning.fromSeed(new Uint8Array(length))).toThrow(RangeError);
    }
    const text = 'x'.repeat(32) as unknown as Uint8Array;
    expect(() => olm.PkDecryption.fromPrivateKey(text)).toThrow(TypeError);
    expect(() => olm.PkSigning.fromSeed(text)).toThrow(TypeError);
  });

  it('pickles and unpickles; a wrong key is BAD_ACCOUNT_KEY', () => {
    const { encryption, decryption } = pair();
    const message = encryption.encrypt('before pickling');
    const key = new Uint8Array([1, 2, 3, 0, 255]);
    const restored = olm.PkDecryption.unpickle(decryption.pickle(key), key);
    expect(restored.publicKey).toBe(decryption.publicKey);
    expect(restored.privateKey).toEqual(decryption.privateKey);
    expect(restored.decrypt(message)).toBe('before pickling');
    expect(olm.PkDecryption.unpickle(decryption.pickle('pickle kéy'), 'pickle kéy').publicKey).toBe(decryption.publicKey);
    expect(codeOf(() => olm.PkDecryption.unpickle(decryption.pickle('a'), 'b'))).toBe('BAD_ACCOUNT_KEY');
    expect(codeOf(() => olm.PkDecryption.unpickle('AAAAA', 'a'))).toBe('INVALID_BASE64');
    expect(codeOf(() => olm.PkDecryption.unpickle('garbage!', 'a'))).toBe('BAD_ACCOUNT_KEY');
  });

  it('gives typed errors for bad messages and keys, never a crash', () => {
    const { encryption, decryption } = pair();
    const message = encryption.encrypt('secret');
    const other = olm.PkEncryption.create(olm.PkDecryption.create().publicKey).encrypt('secret');
    const cases: Array<[Partial<PkMessage>, string]> = [
      [{ mac: flipAt(message.mac, 0) }, 'BAD_MESSAGE_MAC'],
      [{ mac: other.mac }, 'BAD_MESSAGE_MAC'],
      [{ ephemeral: other.ephemeral }, 'BAD_MESSAGE_MAC'],
      [{ ephemeral: decryption.publicKey }, 'BAD_MESSAGE_MAC'],
      [{ ephemeral: 'abc' }, 'INVALID_BASE64'],
      [{ ephemeral: message.ephemeral + 'A' }, 'INVALID_BASE64'],
      [{ mac: 'abc' }, 'INVALID_BASE64'],
      [{ ciphertext: 'AAAAA' }, 'INVALID_BASE64'],
      // Not whole AES blocks: unpatched libolm read and wrote past these (patch 0002 refuses them).
      [{ ciphertext: '' }, 'BAD_MESSAGE_FORMAT'],
      [{ ciphertext: 'not base64!' }, 'BAD_MESSAGE_FORMAT'],
      [{ ciphertext: message.ciphertext.slice(0, -4) }, 'BAD_MESSAGE_FORMAT'],
      [{ ciphertext: message.ciphertext + 'AAAA' }, 'BAD_MESSAGE_FORMAT'],
    ];
    for (const [change, code] of cases) {
      expect(
        codeOf(() => decryption.decrypt({ ...message, ...change })),
        JSON.stringify(change),
      ).toBe(code);
    }
    expect(() => decryption.decrypt(null as unknown as PkMessage)).toThrow(TypeError);
    expect(() => decryption.decrypt({ ...message, mac: undefined } as unknown as PkMessage)).toThrow(/mac must be/);
    // The object still works after every failure.
    expect(decryption.decrypt(message)).toBe('secret');

    expect(codeOf(() => olm.PkEncryption.create('abc'))).toBe('INPUT_BUFFER_TOO_SMALL');
    expect(() => olm.PkEncryption.create(42 as unknown as string)).toThrow(TypeError);
  });

  it("does not authenticate the ciphertext (libolm's PK mac covers only the key): garbage, no crash", () => {
    const { encryption, decryption } = pair();
    const message = encryption.encrypt('a secret of two AES blocks, 32+');
    for (let i = 0; i < 8; i++) {
      const ciphertext = flipAt(message.ciphertext, 2 + i * 5);
      try {
        expect(decryption.decryptBytes({ ...message, ciphertext })).not.toEqual(decryption.decryptBytes(message));
      } catch (error) {
        expect((error as { code?: string }).code).toBe('BAD_MESSAGE_MAC'); // bad padding
      }
    }
  });

  it('decrypts a known message to a known key, and pickles it to known bytes', () => {
    const decryption = olm.PkDecryption.fromPrivateKey(PRIVATE_KEY);
    expect(decryption.publicKey).toBe(PUBLIC_KEY);
    expect(decryption.decrypt(MESSAGE)).toBe(MESSAGE_PLAINTEXT);
    expect(decryption.pickle('pickle key')).toBe(PICKLE);
    expect(olm.PkDecryption.unpickle(PICKLE, 'pickle key').privateKey).toEqual(PRIVATE_KEY);
  });

  it('signs deterministically: a known seed gives a known key and signature', () => {
    const signing = olm.PkSigning.fromSeed(SEED);
    expect(signing.publicKey).toBe(SIGNING_KEY);
    expect(signing.sign(SIGNED)).toBe(SIGNATURE);
    expect(signing.sign(new TextEncoder().encode(SIGNED))).toBe(SIGNATURE);
    using utility = olm.Utility.create();
    utility.ed25519Verify(SIGNING_KEY, SIGNED, SIGNATURE);
    expect(codeOf(() => utility.ed25519Verify(SIGNING_KEY, SIGNED + '!', SIGNATURE))).toBe('BAD_MESSAGE_MAC');
  });

  it('signs with generated seeds; signatures verify (by our Utility and by @matrix-org/olm)', () => {
    const seed = olm.PkSigning.generateSeed();
    expect(seed.byteLength).toBe(PK_SIGNING_SEED_LENGTH);
    expect(olm.PkSigning.generateSeed()).not.toEqual(seed);
    const signing = olm.PkSigning.fromSeed(seed);
    expect(olm.PkSigning.fromSeed(seed).publicKey).toBe(signing.publicKey);
    const utility = new reference.Utility();
    using ours = olm.Utility.create();
    for (const message of ['hello', 'héllo ✓ 🔐', '']) {
      const signature = signing.sign(message);
      expect(signature).toMatch(/^[A-Za-z0-9+/]{86}$/);
      ours.ed25519Verify(signing.publicKey, message, signature);
      expect(codeOf(() => ours.ed25519Verify(signing.publicKey, message + '!', signature))).toBe('BAD_MESSAGE_MAC');
      expect(() => utility.ed25519_verify(signing.publicKey, message, signature)).not.toThrow();
      expect(() => utility.ed25519_verify(signing.publicKey, message + '!', signature)).toThrow(/BAD_MESSAGE_MAC/);
    }
    utility.free();
  });

  it('refuses use after free', () => {
    const { encryption, decryption } = pair();
    const signing = olm.PkSigning.fromSeed(SEED);
    for (const object of [encryption, decryption, signing]) object.free();
    expect(codeOf(() => decryption.publicKey)).toBe('USE_AFTER_FREE');
    expect(codeOf(() => signing.publicKey)).toBe('USE_AFTER_FREE');
    expect(codeOf(() => encryption.encrypt('x'))).toBe('USE_AFTER_FREE');
  });

  it("has the constants, equal to libolm's own values", async () => {
    expect(olm.PK_PRIVATE_KEY_LENGTH).toBe(PK_PRIVATE_KEY_LENGTH);
    expect(olm.PK_SIGNING_SEED_LENGTH).toBe(PK_SIGNING_SEED_LENGTH);
    const backend =
      name === 'native'
        ? (await import('../dist/backends/native.js')).loadNative()
        : await (await import('../dist/backends/wasm.js')).loadWasm();
    expect(backend.call('olm_pk_private_key_length', [])).toBe(PK_PRIVATE_KEY_LENGTH);
    expect(backend.call('olm_pk_signing_seed_length', [])).toBe(PK_SIGNING_SEED_LENGTH);
  });
});
