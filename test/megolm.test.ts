import { beforeAll, describe, expect, it } from 'vitest';
import { OlmError, type Olm, type OutboundGroupSession } from '../dist/api/library.js';
import { BACKENDS, loadBackend } from './backends.js';
import { MEGOLM_EXPORTED_AT_1, MEGOLM_MESSAGES, MEGOLM_SESSION_ID, MEGOLM_SESSION_KEY } from './vectors/reference-megolm.js';

describe.each(BACKENDS)('megolm on %s', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  it('reports the backend and the pinned libolm version', () => {
    expect(olm.backendName).toBe(name);
    expect(olm.version).toBe('3.2.13');
  });

  it('round-trips text, including non-ASCII, with advancing indices', () => {
    const outbound = olm.OutboundGroupSession.create();
    const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
    expect(inbound.sessionId).toBe(outbound.sessionId);
    expect(inbound.firstKnownIndex).toBe(0);
    const texts = ['hello', 'héllo wörld ✓ 🔐', '', 'x'.repeat(70_000)];
    texts.forEach((text, index) => {
      expect(outbound.messageIndex).toBe(index);
      const message = outbound.encrypt(text);
      expect(message).toMatch(/^[A-Za-z0-9+/]+$/);
      expect(inbound.decrypt(message)).toEqual({ plaintext: text, messageIndex: index });
    });
    expect(inbound.isVerified).toBe(true);
  });

  it('round-trips arbitrary bytes, including NUL and invalid UTF-8', () => {
    const outbound = olm.OutboundGroupSession.create();
    const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
    const bytes = new Uint8Array([0, 0xff, 0xfe, 0x80, 0, 1, 2]);
    const message = outbound.encrypt(bytes);
    expect(inbound.decryptBytes(message).plaintext).toEqual(bytes);
    expect(() => inbound.decrypt(message)).toThrow(expect.objectContaining({ code: 'INVALID_UTF8' }));
  });

  it('returns bytes whose buffer holds the plaintext and zeros, nothing of the message', () => {
    const outbound = olm.OutboundGroupSession.create();
    const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
    const { plaintext } = inbound.decryptBytes(outbound.encrypt(new Uint8Array([1, 2, 3])));
    const after = new Uint8Array(plaintext.buffer, plaintext.byteOffset + plaintext.byteLength);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((byte) => byte === 0)).toBe(true);
  });

  it('decrypts out of order and refuses indices before the shared key', () => {
    const outbound = olm.OutboundGroupSession.create();
    const early = outbound.encrypt('early');
    const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
    const messages = ['a', 'b', 'c'].map((text) => outbound.encrypt(text));
    expect(inbound.firstKnownIndex).toBe(1);
    expect(inbound.decrypt(messages[2]!).plaintext).toBe('c');
    expect(inbound.decrypt(messages[0]!).plaintext).toBe('a');
    expect(() => inbound.decrypt(early)).toThrow(expect.objectContaining({ code: 'UNKNOWN_MESSAGE_INDEX' }));
  });

  it("decrypts @matrix-org/olm's recorded ciphertexts from its session key (known answers)", () => {
    using inbound = olm.InboundGroupSession.create(MEGOLM_SESSION_KEY);
    using imported = olm.InboundGroupSession.import(MEGOLM_EXPORTED_AT_1);
    expect([inbound.sessionId, imported.sessionId]).toEqual([MEGOLM_SESSION_ID, MEGOLM_SESSION_ID]);
    expect([inbound.firstKnownIndex, imported.firstKnownIndex]).toEqual([0, 1]);
    for (const { messageIndex, plaintext, ciphertext } of [...MEGOLM_MESSAGES].reverse()) {
      expect(inbound.decrypt(ciphertext)).toEqual({ plaintext, messageIndex });
      expect(inbound.decryptBytes(ciphertext).plaintext).toEqual(new TextEncoder().encode(plaintext));
      if (messageIndex >= 1) expect(imported.decrypt(ciphertext)).toEqual({ plaintext, messageIndex });
    }
    expect(() => imported.decrypt(MEGOLM_MESSAGES[0].ciphertext)).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_MESSAGE_INDEX' }),
    );
    // Exporting is deterministic: the same index gives the reference's export.
    expect(inbound.export(1)).toBe(MEGOLM_EXPORTED_AT_1);
  });

  it('exports and imports at an index', () => {
    const outbound = olm.OutboundGroupSession.create();
    const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
    const messages = ['zero', 'one', 'two'].map((text) => outbound.encrypt(text));
    const imported = olm.InboundGroupSession.import(inbound.export(1));
    expect(imported.firstKnownIndex).toBe(1);
    expect(imported.isVerified).toBe(false);
    expect(imported.decrypt(messages[2]!).plaintext).toBe('two');
    expect(imported.isVerified).toBe(true);
    expect(() => imported.decrypt(messages[0]!)).toThrow(expect.objectContaining({ code: 'UNKNOWN_MESSAGE_INDEX' }));
    expect(() => imported.export(0)).toThrow(expect.objectContaining({ code: 'UNKNOWN_MESSAGE_INDEX' }));
    // Exporting ahead ratchets forward: the import starts there.
    expect(olm.InboundGroupSession.import(inbound.export(99)).firstKnownIndex).toBe(99);
  });

  it('gives typed errors for bad ciphertexts, never a crash', () => {
    const outbound = olm.OutboundGroupSession.create();
    const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
    const message = outbound.encrypt('secret');
    const tampered = message.slice(0, 20) + (message[20] === 'A' ? 'B' : 'A') + message.slice(21);
    // The codes libolm (and @matrix-org/olm) give for each.
    const cases: Array<[string, string]> = [
      [tampered, 'BAD_SIGNATURE'],
      ['AAAAA', 'INVALID_BASE64'],
      [message + 'A', 'INVALID_BASE64'],
      ['not base64 at all!', 'BAD_MESSAGE_VERSION'],
      ['', 'BAD_MESSAGE_VERSION'],
      [message.slice(0, 30), 'BAD_MESSAGE_VERSION'],
      [message.slice(0, -1), 'BAD_MESSAGE_FORMAT'],
    ];
    for (const [input, code] of cases) {
      let error: unknown;
      try {
        inbound.decrypt(input);
      } catch (caught) {
        error = caught;
      }
      expect(error, input).toBeInstanceOf(OlmError);
      expect((error as OlmError).code, input).toBe(code);
    }
    // The session still works after every failure.
    expect(inbound.decrypt(message).plaintext).toBe('secret');
  });

  it('refuses bad session keys', () => {
    expect(() => olm.InboundGroupSession.create('AAAA')).toThrow(expect.objectContaining({ code: 'BAD_SESSION_KEY' }));
    expect(() => olm.InboundGroupSession.create('A'.repeat(300))).toThrow(expect.objectContaining({ code: 'BAD_SESSION_KEY' }));
    expect(() => olm.InboundGroupSession.create('AAAAA')).toThrow(expect.objectContaining({ code: 'INVALID_BASE64' }));
  });

  it('pickles and unpickles both session types; a wrong key is BAD_ACCOUNT_KEY', () => {
    const outbound = olm.OutboundGroupSession.create();
    outbound.encrypt('advance');
    const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
    const key = new Uint8Array([1, 2, 3, 0, 255]);
    const restoredOut = olm.OutboundGroupSession.unpickle(outbound.pickle(key), key);
    const restoredIn = olm.InboundGroupSession.unpickle(inbound.pickle('pickle kéy'), 'pickle kéy');
    expect(restoredOut.sessionId).toBe(outbound.sessionId);
    expect(restoredOut.messageIndex).toBe(1);
    expect(restoredIn.decrypt(restoredOut.encrypt('after')).plaintext).toBe('after');
    expect(() => olm.OutboundGroupSession.unpickle(outbound.pickle('a'), 'b')).toThrow(
      expect.objectContaining({ code: 'BAD_ACCOUNT_KEY' }),
    );
    expect(() => olm.InboundGroupSession.unpickle('AAAAA', 'a')).toThrow(expect.objectContaining({ code: 'INVALID_BASE64' }));
    expect(() => olm.InboundGroupSession.unpickle('garbage!', 'a')).toThrow(expect.objectContaining({ code: 'BAD_ACCOUNT_KEY' }));
  });

  it('frees idempotently, refuses use after free, supports `using`', () => {
    const outbound = olm.OutboundGroupSession.create();
    outbound.free();
    outbound.free();
    expect(outbound.isFreed).toBe(true);
    expect(() => outbound.encrypt('x')).toThrow(expect.objectContaining({ code: 'USE_AFTER_FREE' }));
    let escaped: OutboundGroupSession | undefined;
    {
      using scoped = olm.OutboundGroupSession.create();
      escaped = scoped;
    }
    expect(escaped.isFreed).toBe(true);
  });

  it('gives TypeErrors for wrong JavaScript types', () => {
    const outbound = olm.OutboundGroupSession.create();
    expect(() => outbound.encrypt(42 as unknown as string)).toThrow(TypeError);
    expect(() => olm.InboundGroupSession.create(undefined as unknown as string)).toThrow(TypeError);
    const inbound = olm.InboundGroupSession.create(outbound.sessionKey);
    expect(() => inbound.export(-1)).toThrow(RangeError);
  });

  it('never reuses randomness: two sessions differ', () => {
    const a = olm.OutboundGroupSession.create();
    const b = olm.OutboundGroupSession.create();
    expect(a.sessionId).not.toBe(b.sessionId);
    expect(a.sessionKey).not.toBe(b.sessionKey);
  });
});
