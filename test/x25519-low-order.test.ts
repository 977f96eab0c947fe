// Contributory X25519 (vendor/olm/patches/0012): a peer key of low order makes the shared secret
// all zeros whatever our private key is, so every place libolm does ECDH refuses it with
// OlmError BAD_MESSAGE_KEY_ID, the same on both backends. Unpatched, all of these succeeded
// (PK encryption to such a key was readable by anyone: its keys were HKDF of zeros).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Olm } from '../dist/api/library.js';
import { BACKENDS, loadBackend } from './backends.js';
import { expectCode, publishOneTimeKey } from './olm-helpers.js';
import { encode, fromBase64, parse, toBase64 } from './protobuf.js';

// The points of order 1, 2, 4 and 8 as X25519 reads them (32 bytes little-endian, bit 255 ignored):
// 0, 1, the two order-8 points, p - 1, p, p + 1, and the same with bit 255 set.
const LOW_ORDER_HEX = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '0100000000000000000000000000000000000000000000000000000000000080',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
];
const LOW_ORDER = LOW_ORDER_HEX.map((hex) => toBase64(new Uint8Array(Buffer.from(hex, 'hex'))));
// Pre-key message fields (Olm's protobuf numbering).
const PREKEY = { baseKey: 2, identityKey: 3 } as const;

describe.each(BACKENDS)('low-order X25519 keys on %s', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  it('PkEncryption.encrypt to a low-order key: BAD_MESSAGE_KEY_ID', () => {
    for (const key of LOW_ORDER) {
      const encryption = olm.PkEncryption.create(key);
      expectCode(() => encryption.encrypt('secret'), 'BAD_MESSAGE_KEY_ID');
    }
  });

  it('PkDecryption.decrypt with a low-order ephemeral key: BAD_MESSAGE_KEY_ID, then works', () => {
    const decryption = olm.PkDecryption.create();
    const message = olm.PkEncryption.create(decryption.publicKey).encrypt('secret');
    for (const ephemeral of LOW_ORDER) {
      expectCode(() => decryption.decrypt({ ...message, ephemeral }), 'BAD_MESSAGE_KEY_ID');
    }
    expect(decryption.decrypt(message)).toBe('secret');
  });

  it('Session.createOutbound with a low-order identity or one-time key: BAD_MESSAGE_KEY_ID', () => {
    const alice = olm.Account.create();
    const bob = olm.Account.create();
    const oneTimeKey = publishOneTimeKey(bob);
    for (const key of LOW_ORDER) {
      expectCode(() => olm.Session.createOutbound(alice, key, oneTimeKey), 'BAD_MESSAGE_KEY_ID');
      expectCode(() => olm.Session.createOutbound(alice, bob.identityKeys.curve25519, key), 'BAD_MESSAGE_KEY_ID');
    }
    // The account still sets up sessions.
    expect(olm.Session.createOutbound(alice, bob.identityKeys.curve25519, oneTimeKey).encrypt('hi').type).toBe(0);
  });

  it('Session.createInbound of a pre-key message with a low-order base or identity key: BAD_MESSAGE_KEY_ID', () => {
    const alice = olm.Account.create();
    const bob = olm.Account.create();
    const outbound = olm.Session.createOutbound(alice, bob.identityKeys.curve25519, publishOneTimeKey(bob));
    const { body } = outbound.encrypt('hello');
    const message = parse(fromBase64(body));
    for (const key of LOW_ORDER) {
      for (const field of [PREKEY.baseKey, PREKEY.identityKey]) {
        const fields = message.fields.map((f) => (f.number === field ? { number: field, value: fromBase64(key) } : f));
        const forged = toBase64(encode({ version: message.version, fields }));
        expectCode(() => olm.Session.createInbound(bob, forged), 'BAD_MESSAGE_KEY_ID');
      }
    }
    // Bob's one-time key was not used up: the real message still opens a session.
    expect(olm.Session.createInbound(bob, body).decrypt(0, body)).toBe('hello');
  });

  it('Sas.setTheirKey with a low-order key: BAD_MESSAGE_KEY_ID, their key stays unset', () => {
    for (const key of LOW_ORDER) {
      const sas = olm.Sas.create();
      expectCode(() => sas.setTheirKey(key), 'BAD_MESSAGE_KEY_ID');
      expectCode(() => sas.generateBytes('info', 6), 'SAS_THEIR_KEY_NOT_SET');
    }
  });
});
