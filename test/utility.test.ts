import { beforeAll, describe, expect, it } from 'vitest';
import type { Olm } from '../dist/api/library.js';
import { createHash } from 'node:crypto';
import { BACKENDS, loadBackend } from './backends.js';
import { expectCode } from './olm-helpers.js';
import { REFERENCE_IDENTITY_KEYS, REFERENCE_SIGNATURE, SIGNED_MESSAGE } from './olm-vectors.js';

/** libolm writes digests as unpadded base64. */
const base64 = (hex: string): string => Buffer.from(hex, 'hex').toString('base64').replace(/=+$/, '');

// FIPS 180-2 SHA-256 test vectors.
const SHA256_VECTORS: Array<[string, string]> = [
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  [
    'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
];

describe.each(BACKENDS)('Utility on %s', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  it('computes SHA-256 (FIPS 180-2 vectors) as unpadded base64', () => {
    const utility = olm.Utility.create();
    for (const [input, hex] of SHA256_VECTORS) {
      expect(utility.sha256(input)).toBe(base64(hex));
      expect(utility.sha256(new TextEncoder().encode(input))).toBe(base64(hex));
    }
  });

  it('hashes the UTF-8 bytes of text, and any bytes', () => {
    const utility = olm.Utility.create();
    for (const input of ['héllo ✓ 🔐', new Uint8Array([0, 0xff, 0x80])]) {
      expect(utility.sha256(input)).toBe(base64(createHash('sha256').update(input).digest('hex')));
    }
  });

  it('verifies a signature made by @matrix-org/olm (known answer)', () => {
    const utility = olm.Utility.create();
    const key = REFERENCE_IDENTITY_KEYS.ed25519;
    utility.ed25519Verify(key, SIGNED_MESSAGE, REFERENCE_SIGNATURE);
    utility.ed25519Verify(key, new TextEncoder().encode(SIGNED_MESSAGE), REFERENCE_SIGNATURE);
  });

  it('refuses bad signatures and keys with libolm’s codes', () => {
    const utility = olm.Utility.create();
    const key = REFERENCE_IDENTITY_KEYS.ed25519;
    const flipped = (REFERENCE_SIGNATURE[5] === 'A' ? 'B' : 'A') + REFERENCE_SIGNATURE.slice(1);
    expectCode(() => utility.ed25519Verify(key, SIGNED_MESSAGE + ' ', REFERENCE_SIGNATURE), 'BAD_MESSAGE_MAC');
    expectCode(() => utility.ed25519Verify(key, SIGNED_MESSAGE, flipped), 'BAD_MESSAGE_MAC');
    const curve = REFERENCE_IDENTITY_KEYS.curve25519;
    expectCode(() => utility.ed25519Verify(curve, SIGNED_MESSAGE, REFERENCE_SIGNATURE), 'BAD_MESSAGE_MAC');
    expectCode(() => utility.ed25519Verify(key, SIGNED_MESSAGE, 'AAAA'), 'BAD_MESSAGE_MAC');
    expectCode(() => utility.ed25519Verify(key, SIGNED_MESSAGE, ''), 'BAD_MESSAGE_MAC');
    expectCode(() => utility.ed25519Verify('AAAA', SIGNED_MESSAGE, REFERENCE_SIGNATURE), 'INVALID_BASE64');
    expectCode(() => utility.ed25519Verify(key, SIGNED_MESSAGE, 'AAAAA'), 'INVALID_BASE64');
  });

  it('gives TypeErrors for wrong JavaScript types and refuses use after free', () => {
    const utility = olm.Utility.create();
    expect(() => utility.sha256(1 as unknown as string)).toThrow(TypeError);
    expect(() => utility.ed25519Verify(null as unknown as string, 'm', 's')).toThrow(TypeError);
    expect(() => utility.ed25519Verify('k', [1] as unknown as string, 's')).toThrow(TypeError);
    utility.free();
    expectCode(() => utility.sha256('abc'), 'USE_AFTER_FREE');
  });
});
