// olm-universal/compat against @matrix-org/olm: plaintext decoded as the reference does (invalid UTF-8
// becomes U+FFFD, never an exception), except that a NUL does not end it.
import { expect, it } from 'vitest';
import { compat, describeVsReference, reference } from './compat-vs-reference.js';

describeVsReference((backend) => {
  it('decodes plaintext as the reference: invalid UTF-8 becomes U+FFFD, never an exception', async () => {
    const main = await import('../dist/node.js').then((m) => m.load({ backend }));
    const sender = main.OutboundGroupSession.create();
    const [ours, theirs] = [new compat.InboundGroupSession(), new reference.InboundGroupSession()];
    ours.create(sender.sessionKey);
    theirs.create(sender.sessionKey);
    // Longer than 16 bytes: the reference decodes with TextDecoder then, as we always do.
    const message = sender.encrypt(new Uint8Array([...Buffer.from('invalid UTF-8: '), 0xff, 0xc3, 0x41, 0x80]));
    expect(ours.decrypt(message)).toEqual(theirs.decrypt(message));
    expect(ours.decrypt(message).plaintext).toBe('invalid UTF-8: \uFFFD\uFFFDA\uFFFD');
    // The reference stops at the first NUL; the whole plaintext is returned here.
    const withNul = sender.encrypt('a\u0000b');
    expect(theirs.decrypt(withNul).plaintext).toBe('a');
    expect(ours.decrypt(withNul).plaintext).toBe('a\u0000b');
  });
});
