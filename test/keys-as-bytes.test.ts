// Keys are accepted as strings or as their bytes, with the same result.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Olm } from '../dist/api/library.js';
import { BACKENDS, loadBackend } from './backends.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe.each(BACKENDS)('keys as bytes on %s', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  it('Olm sessions, signatures, PK and SAS take byte keys', () => {
    const alice = olm.Account.create();
    const bob = olm.Account.create();
    bob.generateOneTimeKeys(1);
    const oneTimeKey = Object.values(bob.oneTimeKeys)[0]!;
    const outbound = olm.Session.createOutbound(alice, utf8(bob.identityKeys.curve25519), utf8(oneTimeKey));
    const first = outbound.encrypt('bytes');
    const inbound = olm.Session.createInboundFrom(bob, utf8(alice.identityKeys.curve25519), first.body);
    expect(inbound.matchesInboundFrom(utf8(alice.identityKeys.curve25519), first.body)).toBe(true);
    expect(inbound.decrypt(first.type, first.body)).toBe('bytes');

    const signature = alice.sign('signed');
    olm.Utility.create().ed25519Verify(utf8(alice.identityKeys.ed25519), 'signed', utf8(signature));
    expect(() => olm.Utility.create().ed25519Verify(utf8(alice.identityKeys.ed25519), 'other', utf8(signature))).toThrow(
      expect.objectContaining({ code: 'BAD_MESSAGE_MAC' }),
    );

    const decryption = olm.PkDecryption.create();
    expect(decryption.decrypt(olm.PkEncryption.create(utf8(decryption.publicKey)).encrypt('pk'))).toBe('pk');

    const a = olm.Sas.create();
    const b = olm.Sas.create();
    a.setTheirKey(utf8(b.publicKey));
    b.setTheirKey(a.publicKey);
    expect(a.generateBytes('info', 6)).toEqual(b.generateBytes('info', 6));
  });
});
