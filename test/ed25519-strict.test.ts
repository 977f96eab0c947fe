// Strict Ed25519 verification (CVE-2024-45193; vendor/olm/patches/0011 and the fast core's
// native/crypto/ed25519.c): S must be below the group order L. S + L gives the same [S]B, so
// unpatched, a signature with S + L verified too: every signature (and every Megolm message) had a
// second valid form. Refused as any bad signature: Utility BAD_MESSAGE_MAC, Megolm BAD_SIGNATURE.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Olm } from '../dist/api/library.js';
import { BACKENDS, loadBackend } from './backends.js';
import { expectCode } from './olm-helpers.js';
import { fromBase64, toBase64 } from './protobuf.js';
import { RFC8032 } from './vectors/ed25519-rfc8032.js';

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

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
      expectCode(() => utility.ed25519Verify(publicKey, hex(message), toBase64(malleate(hex(signature)))), 'BAD_MESSAGE_MAC');
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
