// Strict Ed25519 verification (CVE-2024-45193; vendor/olm/patches/0011 and the fast core's
// native/crypto/ed25519.c): S must be below the group order L. S + L gives the same [S]B, so
// unpatched, a signature with S + L verified too: every signature (and every Megolm message) had a
// second valid form. Refused as any bad signature: Utility BAD_MESSAGE_MAC, Megolm BAD_SIGNATURE.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Olm } from '../dist/api/library.js';
import { BACKENDS, loadBackend } from './backends.js';
import { expectCode } from './olm-helpers.js';
import { fromBase64, toBase64 } from './protobuf.js';

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

// RFC 8032 section 7.1, TEST 1-3: public key, message, signature.
const RFC8032: Array<[string, string, string]> = [
  [
    'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    '',
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  ],
  [
    '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    '72',
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  ],
  [
    'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    'af82',
    '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  ],
];

/** The signature with S + k L in place of S (bytes 32..63, little-endian). */
function malleate(signature: Uint8Array, k = 1n): Uint8Array {
  const out = signature.slice();
  let s = 0n;
  for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(out[i]!);
  s += k * L;
  for (let i = 32; i < 64; i++) {
    out[i] = Number(s & 0xffn);
    s >>= 8n;
  }
  expect(s).toBe(0n); // still fits in 32 bytes
  return out;
}

describe.each(BACKENDS)('strict Ed25519 verification on %s', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  it('RFC 8032 test vectors 1-3 verify; with S + L they do not', () => {
    const utility = olm.Utility.create();
    for (const [key, message, signature] of RFC8032) {
      const publicKey = toBase64(hex(key));
      utility.ed25519Verify(publicKey, hex(message), toBase64(hex(signature)));
      expectCode(
        () => utility.ed25519Verify(publicKey, hex(message), toBase64(malleate(hex(signature)))),
        'BAD_MESSAGE_MAC',
      );
    }
  });

  it('a real signature with S + L (or S + 2L) fails with BAD_MESSAGE_MAC', () => {
    const utility = olm.Utility.create();
    const account = olm.Account.create();
    const key = account.identityKeys.ed25519;
    for (const message of ['', 'a', 'signed JSON {"a":1}', 'x'.repeat(1000)]) {
      const signature = fromBase64(account.sign(message));
      utility.ed25519Verify(key, message, toBase64(signature));
      expectCode(() => utility.ed25519Verify(key, message, toBase64(malleate(signature))), 'BAD_MESSAGE_MAC');
      // S + 2L may still fit below 2^256 (then the old top-bits check refused it already).
      const s2 = signature.slice();
      if (BigInt('0x' + Buffer.from(s2.slice(32).reverse()).toString('hex')) + 2n * L < 2n ** 256n) {
        expectCode(() => utility.ed25519Verify(key, message, toBase64(malleate(signature, 2n))), 'BAD_MESSAGE_MAC');
      }
    }
  });

  it('a Megolm message whose signature has S + L fails with BAD_SIGNATURE; the original decrypts', () => {
    const outbound = olm.OutboundGroupSession.create();
    const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
    const message = outbound.encrypt('secret');
    const bytes = fromBase64(message);
    const body = bytes.slice(0, -64);
    const signature = malleate(bytes.slice(-64));
    const forged = toBase64(new Uint8Array([...body, ...signature]));
    expectCode(() => inbound.decrypt(forged), 'BAD_SIGNATURE');
    expect(inbound.decrypt(message).plaintext).toBe('secret');
  });
});
