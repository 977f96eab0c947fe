import { beforeAll, describe, expect, it } from 'vitest';
import { OlmError, type Olm, type OlmMessage } from '../dist/api/library.js';
import { BACKENDS, loadBackend } from './backends.js';
import { converse, establish, expectCode, publishOneTimeKey, unpaddedBase64 } from './olm-helpers.js';

describe.each(BACKENDS)('Session on %s', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  it('sets up a session from a pre-key message; both sides share its id', () => {
    const { outbound, inbound } = establish(olm, olm);
    expect(outbound.backendName).toBe(name);
    expect(outbound.sessionId).toMatch(unpaddedBase64(43));
    expect(inbound.sessionId).toBe(outbound.sessionId);
    expect(outbound.hasReceivedMessage).toBe(false);
    expect(inbound.hasReceivedMessage).toBe(true);
    // Alice keeps sending pre-key messages until Bob answers.
    expect(outbound.encrypt('still pre-key').type).toBe(0);
    const reply = inbound.encrypt('hi Alice');
    expect(reply.type).toBe(1);
    expect(outbound.decrypt(reply.type, reply.body)).toBe('hi Alice');
    expect(outbound.hasReceivedMessage).toBe(true);
    expect(outbound.encrypt('now normal').type).toBe(1);
  });

  it('ratchets through turns both ways, with any text or bytes', () => {
    const { outbound, inbound } = establish(olm, olm);
    for (let turn = 0; turn < 4; turn++) {
      converse(inbound, outbound, [`bob ${turn}`, 'ünïcödé ✓ 🔐']);
      converse(outbound, inbound, [`alice ${turn}`, '', 'x'.repeat(10_000)]);
    }
    const bytes = new Uint8Array([0, 0xff, 0xfe, 0x80, 0]);
    const message = outbound.encrypt(bytes);
    const plaintext = inbound.decryptBytes(message.type, message.body);
    expect(plaintext).toEqual(bytes);
    // Its buffer holds the plaintext and zeros, nothing of the message.
    const after = new Uint8Array(plaintext.buffer, plaintext.byteOffset + plaintext.byteLength);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((byte) => byte === 0)).toBe(true);
    // The same message cannot be decrypted twice, and is not UTF-8 anyway.
    expectCode(() => inbound.decrypt(message.type, message.body), 'BAD_MESSAGE_MAC');
    const invalid = outbound.encrypt(bytes);
    expectCode(() => inbound.decrypt(invalid.type, invalid.body), 'INVALID_UTF8');
  });

  it('decrypts out of order within libolm’s 40 skipped keys', () => {
    const { outbound, inbound } = establish(olm, olm);
    converse(inbound, outbound, ['start']);
    const messages = Array.from({ length: 42 }, (_, i) => inbound.encrypt(`message ${i}`));
    const decrypt = (i: number) => outbound.decrypt(messages[i]!.type, messages[i]!.body);
    expect(decrypt(41)).toBe('message 41');
    // 41 keys were skipped; libolm keeps the newest 40, so message 0's is gone.
    for (const i of [40, 3, 1, 39, 2]) expect(decrypt(i)).toBe(`message ${i}`);
    expectCode(() => decrypt(0), 'BAD_MESSAGE_MAC');
    expectCode(() => decrypt(3), 'BAD_MESSAGE_MAC');
  });

  it('matches pre-key messages to the session and their sender', () => {
    const { alice, bob, outbound, inbound } = establish(olm, olm);
    const second = outbound.encrypt('second');
    expect(inbound.matchesInbound(second.body)).toBe(true);
    expect(inbound.matchesInboundFrom(alice.identityKeys.curve25519, second.body)).toBe(true);
    expect(inbound.matchesInboundFrom(bob.identityKeys.curve25519, second.body)).toBe(false);
    const other = olm.Session.createOutbound(olm.Account.create(), bob.identityKeys.curve25519, publishOneTimeKey(bob));
    const stranger = other.encrypt('other').body;
    expect(inbound.matchesInbound(stranger)).toBe(false);
    expect(inbound.matchesInbound(new TextEncoder().encode(second.body))).toBe(true);
    expectCode(() => inbound.matchesInbound('AAAAA'), 'INVALID_BASE64');
    expect(inbound.matchesInbound(inbound.encrypt('normal').body)).toBe(false);
  });

  it('creates inbound sessions only from the named sender with createInboundFrom', () => {
    const alice = olm.Account.create();
    const bob = olm.Account.create();
    const outbound = olm.Session.createOutbound(alice, bob.identityKeys.curve25519, publishOneTimeKey(bob));
    const first = outbound.encrypt('from alice');
    expectCode(
      () => olm.Session.createInboundFrom(bob, olm.Account.create().identityKeys.curve25519, first.body),
      'BAD_MESSAGE_KEY_ID',
    );
    const inbound = olm.Session.createInboundFrom(bob, alice.identityKeys.curve25519, first.body);
    expect(inbound.decrypt(0, first.body)).toBe('from alice');
    expect(inbound.sessionId).toBe(outbound.sessionId);
  });

  it('describes the ratchet state', () => {
    const { outbound, inbound } = establish(olm, olm);
    expect(outbound.describe()).toMatch(/^sender chain index: 1 receiver chain indices: +skipped message keys:/);
    converse(inbound, outbound, ['a', 'b']);
    expect(outbound.describe()).toMatch(/receiver chain indices: 2/);
  });

  it('pickles and unpickles mid-conversation', () => {
    const { outbound, inbound } = establish(olm, olm);
    converse(inbound, outbound, ['before']);
    const key = 'clé ✓';
    const restored = olm.Session.unpickle(outbound.pickle(key), new TextEncoder().encode(key));
    expect(restored.sessionId).toBe(outbound.sessionId);
    expect(restored.hasReceivedMessage).toBe(true);
    expect(restored.describe()).toBe(outbound.describe());
    converse(restored, inbound, ['after ✓']);
    converse(inbound, restored, ['reply ✓']);
    expectCode(() => olm.Session.unpickle(outbound.pickle('a'), 'b'), 'BAD_ACCOUNT_KEY');
    expectCode(() => olm.Session.unpickle('AAAAA', 'a'), 'INVALID_BASE64');
  });

  it('refuses bad messages with libolm’s codes and keeps working', () => {
    const { outbound, inbound } = establish(olm, olm);
    converse(inbound, outbound, ['reply']);
    const message = outbound.encrypt('secret');
    const tampered = message.body.slice(0, 20) + (message.body[20] === 'A' ? 'B' : 'A') + message.body.slice(21);
    const cases: Array<[OlmMessage['type'], string, string]> = [
      [1, tampered, 'BAD_MESSAGE_MAC'],
      [0, message.body, 'BAD_MESSAGE_FORMAT'],
      [1, 'AAAAA', 'INVALID_BASE64'],
      [1, message.body.slice(0, -1), 'BAD_MESSAGE_FORMAT'],
      [1, 'garbage!', 'BAD_MESSAGE_FORMAT'],
      [1, '', 'BAD_MESSAGE_FORMAT'],
    ];
    for (const [type, body, code] of cases) {
      let error: unknown;
      try {
        inbound.decrypt(type, body);
      } catch (caught) {
        error = caught;
      }
      expect(error, body).toBeInstanceOf(OlmError);
      expect((error as OlmError).code, body).toBe(code);
    }
    expect(inbound.decrypt(message.type, message.body)).toBe('secret');
  });

  it('refuses bad keys and pre-key messages with libolm’s codes', () => {
    const alice = olm.Account.create();
    const bob = olm.Account.create();
    const identity = bob.identityKeys.curve25519;
    expectCode(() => olm.Session.createOutbound(alice, identity, 'AAAA'), 'INVALID_BASE64');
    expectCode(() => olm.Session.createOutbound(alice, 'AAAAA', publishOneTimeKey(bob)), 'INVALID_BASE64');
    expectCode(() => olm.Session.createInbound(bob, 'AAAAA'), 'INVALID_BASE64');
    expectCode(() => olm.Session.createInbound(bob, 'garbage!'), 'BAD_MESSAGE_FORMAT');
    // A pre-key message for a one-time key Bob never had.
    const wrong = olm.Session.createOutbound(alice, identity, publishOneTimeKey(olm.Account.create()));
    expectCode(() => olm.Session.createInbound(bob, wrong.encrypt('x').body), 'BAD_MESSAGE_KEY_ID');
  });

  it('validates message types and JavaScript values before libolm sees them', () => {
    const { alice, outbound, inbound } = establish(olm, olm);
    const message = outbound.encrypt('typed');
    for (const type of [2, -1, 0.5, Number.NaN]) {
      expect(() => inbound.decrypt(type as 0, message.body)).toThrow(RangeError);
    }
    for (const type of ['0', null, undefined, 0n]) {
      expect(() => inbound.decrypt(type as unknown as 0, message.body)).toThrow(TypeError);
    }
    expect(() => inbound.decrypt(0, 7 as unknown as string)).toThrow(TypeError);
    expect(() => outbound.encrypt(undefined as unknown as string)).toThrow(TypeError);
    expect(() => olm.Session.createOutbound({} as never, 'a', 'b')).toThrow(TypeError);
    expect(() => olm.Session.createInbound(olm.Utility.create() as never, message.body)).toThrow(TypeError);
    expect(() => olm.Session.createOutbound(alice, 5 as unknown as string, 'b')).toThrow(TypeError);
    // The message is still there to decrypt.
    expect(inbound.decrypt(message.type, message.body)).toBe('typed');
  });

  it('refuses an account from the other backend', async () => {
    const other = await loadBackend(BACKENDS.find((b) => b !== name)!);
    const foreign = other.Account.create();
    const bob = olm.Account.create();
    expect(() => olm.Session.createOutbound(foreign, bob.identityKeys.curve25519, publishOneTimeKey(bob))).toThrow(TypeError);
    const { inbound } = establish(olm, olm);
    expect(() => foreign.removeOneTimeKeys(inbound)).toThrow(TypeError);
  });

  it('never reuses randomness: sessions to the same key differ', () => {
    const alice = olm.Account.create();
    const bob = olm.Account.create();
    const key = publishOneTimeKey(bob);
    const a = olm.Session.createOutbound(alice, bob.identityKeys.curve25519, key);
    const b = olm.Session.createOutbound(alice, bob.identityKeys.curve25519, key);
    expect(a.sessionId).not.toBe(b.sessionId);
    expect(a.encrypt('same').body).not.toBe(b.encrypt('same').body);
  });

  it('refuses use after free', () => {
    const { outbound } = establish(olm, olm);
    outbound.free();
    expectCode(() => outbound.encrypt('x'), 'USE_AFTER_FREE');
    expectCode(() => outbound.sessionId, 'USE_AFTER_FREE');
  });
});
