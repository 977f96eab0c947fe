// Messages from a sender who holds the keys (test/hostile/): first proof that the sender is right
// (its honest messages decrypt with our library and with @matrix-org/olm), then issue 13's
// items 2 and 3: MAC-valid (and signed) messages whose ciphertext is not whole AES blocks, and one
// Megolm message that a 64-bit and a 32-bit varint parser read as two different plaintexts.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Olm, Session } from '../dist/api/library.js';
import { BACKENDS, loadBackend, loadBackends, loadReference } from './backends.js';
import { utf8 } from './hostile/bytes.js';
import { MegolmSender } from './hostile/megolm-sender.js';
import { OlmSender } from './hostile/olm-sender.js';
import { olmPair } from './hostile/olm-pair.js';
import { decryptPickle, encryptPickle, parsePickle, serializePickle, type PickleKind } from './hostile/pickle.js';
import { deterministicBytes } from './hostile/primitives.js';
import { TAG } from './hostile/protobuf.js';
import { verdictOf } from './fuzz/verdict.js';

const pair = olmPair();
const olmSender = new OlmSender(pair.aliceSession, pair.pickleKey);
const megolmSender = new MegolmSender();

/** Bob's side of the pair on `olm`: the session the sender's first pre-key message starts. */
function bobSession(olm: Olm): Session {
  const bob = olm.Account.unpickle(pair.bobAccount, pair.pickleKey);
  const preKey = olmSender.preKeyMessage({ plaintext: utf8('hello Bob') });
  const session = olm.Session.createInboundFrom(bob, pair.aliceIdentityKey, preKey);
  expect(session.decrypt(0, preKey)).toBe('hello Bob');
  bob.free();
  return session;
}

/** The two plaintexts of the equivocating message, and the message. */
function equivocation(): { north: string; south: string; message: string } {
  const north = 'Meet at the north gate at 10.';
  const south = 'Meet at the SOUTH gate at 11.';
  const message = megolmSender.message({
    index: 0,
    fields: (_ciphertext, index) => {
      const southCiphertext = megolmSender.encryptAt(index, utf8(south));
      return [
        { kind: 'varint', tag: TAG.messageIndex, value: index },
        { kind: 'bytes', tag: TAG.groupCiphertext, value: megolmSender.encryptAt(index, utf8(north)) },
        // 2^40 + n: a 64-bit size_t sees a length past the end and skips the field, keeping the
        // first ciphertext; a 32-bit one wraps to n and takes this second ciphertext.
        {
          kind: 'bytes',
          tag: TAG.groupCiphertext,
          value: southCiphertext,
          length: 2n ** 40n + BigInt(southCiphertext.byteLength),
        },
      ];
    },
  });
  return { north, south, message };
}

/** Proof that `olm` still works after a hostile message: round trips and a few more operations. */
function expectBackendAlive(olm: Olm): void {
  const outbound = olm.OutboundGroupSession.create();
  const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
  for (let i = 0; i < 20; i++) {
    const text = `alive ${i} ${'x'.repeat(i * 37)}`;
    expect(inbound.decrypt(outbound.encrypt(text))).toEqual({ plaintext: text, messageIndex: i });
  }
  const alice = olm.Account.create();
  const bob = olm.Account.create();
  bob.generateOneTimeKeys(1);
  const outboundOlm = olm.Session.createOutbound(alice, bob.identityKeys.curve25519, Object.values(bob.oneTimeKeys)[0]!);
  const first = outboundOlm.encrypt('after the hostile message');
  const inboundOlm = olm.Session.createInbound(bob, first.body);
  expect(inboundOlm.decrypt(first.type, first.body)).toBe('after the hostile message');
  expect(olm.Utility.create().sha256('abc')).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0');
  for (const object of [outbound, inbound, alice, bob, outboundOlm, inboundOlm]) object.free();
}

describe('the hostile sender is right: its honest messages decrypt', () => {
  it('with @matrix-org/olm (Olm pre-key and normal messages, Megolm at indices 0, 300, 70000)', async () => {
    const reference = await loadReference();
    const bob = new reference.Account();
    bob.unpickle(pair.pickleKey, pair.bobAccount);
    const preKey = olmSender.preKeyMessage({ plaintext: utf8('hello Bob') });
    const session = new reference.Session();
    session.create_inbound_from(bob, pair.aliceIdentityKey, preKey);
    expect(session.decrypt(0, preKey)).toBe('hello Bob');
    expect(session.decrypt(1, olmSender.message({ counter: 1, plaintext: utf8('second') }))).toBe('second');
    expect(session.decrypt(1, olmSender.message({ counter: 5, plaintext: utf8('sixth') }))).toBe('sixth');

    const inbound = new reference.InboundGroupSession();
    inbound.create(megolmSender.sessionKey());
    for (const index of [0, 300, 70_000]) {
      expect(inbound.decrypt(megolmSender.message({ index, plaintext: utf8(`at ${index}`) }))).toEqual({
        plaintext: `at ${index}`,
        message_index: index,
      });
    }
    const imported = new reference.InboundGroupSession();
    imported.import_session(megolmSender.exportedKey(300));
    expect(imported.first_known_index()).toBe(300);
    expect(imported.decrypt(megolmSender.message({ index: 301, plaintext: utf8('x') })).plaintext).toBe('x');
    for (const object of [bob, session, inbound, imported]) object.free();
  });

  describe.each(BACKENDS)('with our library on %s', (name) => {
    let olm: Olm;
    beforeAll(async () => {
      olm = await loadBackend(name);
    });

    it("parses every kind of pickle field by field, and re-encrypts it to libolm's exact bytes", () => {
      const account = olm.Account.create();
      account.generateOneTimeKeys(3);
      account.generateFallbackKey();
      const outbound = olm.OutboundGroupSession.create();
      outbound.encrypt('advance');
      const objects: [PickleKind, { pickle(key: string): string; free(): void }][] = [
        ['account', account],
        ['session', bobSession(olm)],
        ['outbound-group', outbound],
        ['inbound-group', olm.InboundGroupSession.create(outbound.sessionKey)],
        ['pk-decryption', olm.PkDecryption.create()],
      ];
      for (const [kind, object] of objects) {
        const pickle = object.pickle(pair.pickleKey);
        const fields = parsePickle(kind, decryptPickle(pickle, pair.pickleKey)!);
        expect(fields.map((f) => f.name)).not.toContain('trailing');
        expect(encryptPickle(serializePickle(fields), pair.pickleKey)).toBe(pickle);
        object.free();
      }
    });

    it('Olm: pre-key, then normal messages at counters 1 and 5 (skipping keys)', () => {
      const session = bobSession(olm);
      expect(session.decrypt(1, olmSender.message({ counter: 1, plaintext: utf8('second') }))).toBe('second');
      expect(session.decrypt(1, olmSender.message({ counter: 5, plaintext: utf8('sixth') }))).toBe('sixth');
      session.free();
    });

    it('Megolm: the signed session key, messages at indices 0, 300, 70000, and the export', () => {
      const inbound = olm.InboundGroupSession.create(megolmSender.sessionKey());
      for (const index of [0, 300, 70_000]) {
        expect(inbound.decrypt(megolmSender.message({ index, plaintext: utf8(`at ${index}`) }))).toEqual({
          plaintext: `at ${index}`,
          messageIndex: index,
        });
      }
      expect(inbound.export(300)).toBe(megolmSender.exportedKey(300));
      const imported = olm.InboundGroupSession.import(megolmSender.exportedKey(300));
      expect(imported.decrypt(megolmSender.message({ index: 301, plaintext: utf8('x') })).plaintext).toBe('x');
      inbound.free();
      imported.free();
    });
  });
});

describe.each(BACKENDS)('hostile ciphertexts on %s (issue 13, items 2 and 3)', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  it('refuses a MAC-valid Olm message whose ciphertext is 1025 bytes, and keeps working', () => {
    const session = bobSession(olm);
    const hostile = olmSender.message({ counter: 1, ciphertext: deterministicBytes('1025', 1025) });
    expect(() => session.decryptBytes(1, hostile)).toThrow(expect.objectContaining({ code: 'BAD_MESSAGE_FORMAT' }));
    expect(session.decrypt(1, olmSender.message({ counter: 2, plaintext: utf8('still here') }))).toBe('still here');
    session.free();
    expectBackendAlive(olm);
  });

  it.each([
    ['5-byte', 5],
    ['empty', 0],
    ['17-byte', 17],
  ])('refuses a MAC-valid, signed Megolm message with a %s ciphertext, and keeps working', (_label, length) => {
    const inbound = olm.InboundGroupSession.create(megolmSender.sessionKey());
    const hostile = megolmSender.message({ index: 1, ciphertext: deterministicBytes(`megolm ${length}`, length) });
    expect(() => inbound.decryptBytes(hostile)).toThrow(expect.objectContaining({ code: 'BAD_MESSAGE_FORMAT' }));
    expect(inbound.decrypt(megolmSender.message({ index: 2, plaintext: utf8('still here') }))).toEqual({
      plaintext: 'still here',
      messageIndex: 2,
    });
    inbound.free();
    expectBackendAlive(olm);
  });

  it('refuses the equivocating message (a length varint of 2^40 + n) with BAD_MESSAGE_FORMAT', () => {
    const inbound = olm.InboundGroupSession.create(megolmSender.sessionKey());
    expect(() => inbound.decrypt(equivocation().message)).toThrow(expect.objectContaining({ code: 'BAD_MESSAGE_FORMAT' }));
    inbound.free();
  });
});

describe('the equivocating Megolm message', () => {
  it('gets the same verdict from both backends', async () => {
    const backends = await loadBackends();
    const { message } = equivocation();
    const verdicts = BACKENDS.map((name) => {
      const inbound = backends[name].InboundGroupSession.create(megolmSender.sessionKey());
      return verdictOf(() => inbound.decrypt(message));
    });
    expect(verdicts[0]).toEqual(verdicts[1]);
    expect(verdicts[0]).toEqual({ ok: false, error: 'OlmError', code: 'BAD_MESSAGE_FORMAT' });
  });

  it('is MAC-valid and signed: without the second field it decrypts to the first plaintext', async () => {
    const backends = await loadBackends();
    const honest = megolmSender.message({ index: 0, plaintext: utf8(equivocation().north) });
    for (const name of BACKENDS) {
      const inbound = backends[name].InboundGroupSession.create(megolmSender.sessionKey());
      expect(inbound.decrypt(honest).plaintext).toBe(equivocation().north);
    }
  });
});
