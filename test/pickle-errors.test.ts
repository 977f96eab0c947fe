// Pickles libolm can decrypt but not read: made here with node:crypto (libolm's pickle cipher:
// HKDF-SHA256 of the key, info "Pickle" -> AES-256-CBC key, HMAC key, IV; the ciphertext then
// the first 8 bytes of its HMAC-SHA256; unpadded base64). Every class must give libolm's code,
// the same as @matrix-org/olm's for the same pickle.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Olm } from '../dist/api/library.js';
import { BACKENDS, loadBackend, loadReference, type Reference } from './backends.js';
import { codeOf, referenceCodeOf } from './codes.js';

const KEY = 'pickle key ✓';

function keys(key: string): { aes: Buffer; mac: Buffer; iv: Buffer } {
  const derived = Buffer.from(hkdfSync('sha256', key, new Uint8Array(0), 'Pickle', 80));
  return { aes: derived.subarray(0, 32), mac: derived.subarray(32, 64), iv: derived.subarray(64, 80) };
}

function encryptPickle(plaintext: Uint8Array, key = KEY): string {
  const { aes, mac, iv } = keys(key);
  const cipher = createCipheriv('aes-256-cbc', aes, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = createHmac('sha256', mac).update(ciphertext).digest().subarray(0, 8);
  return Buffer.concat([ciphertext, tag]).toString('base64').replace(/=+$/, '');
}

function decryptPickle(pickle: string, key = KEY): Buffer {
  const { aes, iv } = keys(key);
  const raw = Buffer.from(pickle, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', aes, iv);
  return Buffer.concat([decipher.update(raw.subarray(0, raw.length - 8)), decipher.final()]);
}

/** A pickle body starting with `version` (libolm writes integers big-endian). */
function withVersion(version: number, rest: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = Buffer.alloc(4 + rest.byteLength);
  body.writeUInt32BE(version, 0);
  body.set(rest, 4);
  return body;
}

let reference: Reference;
beforeAll(async () => {
  reference = await loadReference();
});

describe.each(BACKENDS)('crafted pickles on %s', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  // Each class: a genuine pickle, our unpickle, and the reference's.
  type Case = {
    pickle(): string;
    unpickle(pickle: string): unknown;
    reference(pickle: string): void;
  };
  const cases = (): Record<string, Case> => {
    const outbound = olm.OutboundGroupSession.create();
    const alice = olm.Account.create();
    const bob = olm.Account.create();
    bob.generateOneTimeKeys(1);
    const session = olm.Session.createOutbound(alice, bob.identityKeys.curve25519, Object.values(bob.oneTimeKeys)[0]!);
    // The reference's unpickle, on a fresh object freed afterwards.
    const referenceOf = (make: () => { unpickle(key: string, pickle: string): unknown; free(): void }) => {
      return (pickle: string) => {
        const object = make();
        try {
          object.unpickle(KEY, pickle);
        } finally {
          object.free();
        }
      };
    };
    return {
      Account: {
        pickle: () => alice.pickle(KEY),
        unpickle: (p) => olm.Account.unpickle(p, KEY),
        reference: referenceOf(() => new reference.Account()),
      },
      Session: {
        pickle: () => session.pickle(KEY),
        unpickle: (p) => olm.Session.unpickle(p, KEY),
        reference: referenceOf(() => new reference.Session()),
      },
      OutboundGroupSession: {
        pickle: () => outbound.pickle(KEY),
        unpickle: (p) => olm.OutboundGroupSession.unpickle(p, KEY),
        reference: referenceOf(() => new reference.OutboundGroupSession()),
      },
      InboundGroupSession: {
        pickle: () => olm.InboundGroupSession.create(outbound.sessionKey).pickle(KEY),
        unpickle: (p) => olm.InboundGroupSession.unpickle(p, KEY),
        reference: referenceOf(() => new reference.InboundGroupSession()),
      },
      PkDecryption: {
        pickle: () => olm.PkDecryption.create().pickle(KEY),
        unpickle: (p) => olm.PkDecryption.unpickle(p, KEY),
        reference: referenceOf(() => new reference.PkDecryption()),
      },
    };
  };

  /** Our code for `pickle`, checked equal to the reference's. */
  function code(test: Case, pickle: string): string {
    const ours = codeOf(() => test.unpickle(pickle));
    expect(referenceCodeOf(() => test.reference(pickle))).toBe(ours);
    return ours;
  }

  it('the pickle cipher made here is libolm’s: genuine pickles decrypt and re-encrypt', () => {
    for (const [what, test] of Object.entries(cases())) {
      const pickle = test.pickle();
      const body = decryptPickle(pickle);
      expect(encryptPickle(body), what).toBe(pickle);
      expect(() => test.unpickle(encryptPickle(body)), what).not.toThrow();
    }
  });

  it.each(['Account', 'Session', 'OutboundGroupSession', 'InboundGroupSession', 'PkDecryption'])(
    '%s: unknown versions, truncated and extended pickles give libolm’s codes',
    (what) => {
      const test = cases()[what]!;
      const body = decryptPickle(test.pickle());
      expect(code(test, encryptPickle(withVersion(0x7fff0000)))).toBe('UNKNOWN_PICKLE_VERSION');
      expect(code(test, encryptPickle(body.subarray(0, body.length - 1)))).toBe('CORRUPTED_PICKLE');
      expect(code(test, encryptPickle(body.subarray(0, 4)))).toBe('CORRUPTED_PICKLE');
      expect(code(test, encryptPickle(Buffer.concat([body, Buffer.from([0])])))).toBe('PICKLE_EXTRA_DATA');
      expect(code(test, encryptPickle(body, 'another key'))).toBe('BAD_ACCOUNT_KEY');
    },
  );

  it('Account: version 1 pickles (a compromised ed25519 key) are BAD_LEGACY_ACCOUNT_PICKLE', () => {
    const test = cases()['Account']!;
    const body = decryptPickle(test.pickle());
    expect(code(test, encryptPickle(withVersion(1, body.subarray(4))))).toBe('BAD_LEGACY_ACCOUNT_PICKLE');
  });
});
