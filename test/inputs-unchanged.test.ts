// libolm decodes some inputs in place (pickles, messages, keys: 'd' in src/binding/functions.ts). Callers'
// bytes must come back as they were: the native core passes C a copy, the WASM backend its own
// copy in the module's memory (issue 15: once, not twice).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Olm } from '../dist/api/library.js';
import { BACKENDS, loadBackend } from './backends.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Runs `use` on `bytes`, then checks they are what they were. */
function unchanged<T>(bytes: Uint8Array, use: (bytes: Uint8Array) => T): T {
  const before = Uint8Array.from(bytes);
  const result = use(bytes);
  expect(bytes).toEqual(before);
  return result;
}

describe.each(BACKENDS)('inputs libolm decodes in place, on %s', (name) => {
  let olm: Olm;
  beforeAll(async () => {
    olm = await loadBackend(name);
  });

  it('come back unchanged from unpickling, decryption, import and key checks', () => {
    const alice = olm.Account.create();
    const bob = olm.Account.create();
    bob.generateOneTimeKeys(1);
    const outbound = olm.Session.createOutbound(alice, bob.identityKeys.curve25519, Object.values(bob.oneTimeKeys)[0]!);
    const first = outbound.encrypt('first');
    const body = utf8(first.body);
    const inbound = unchanged(body, (b) => olm.Session.createInbound(bob, b));
    expect(unchanged(body, (b) => inbound.matchesInbound(b))).toBe(true);
    expect(unchanged(body, (b) => inbound.decrypt(first.type, b))).toBe('first');

    const pickle = utf8(inbound.pickle('key'));
    expect(unchanged(pickle, (p) => olm.Session.unpickle(p, 'key')).sessionId).toBe(inbound.sessionId);
    const accountPickle = utf8(alice.pickle('key'));
    expect(unchanged(accountPickle, (p) => olm.Account.unpickle(p, 'key')).identityKeys).toEqual(alice.identityKeys);

    const group = olm.OutboundGroupSession.create();
    const receiver = olm.InboundGroupSession.create(group.sessionKey);
    const message = utf8(group.encrypt('group'));
    expect(unchanged(message, (m) => receiver.decrypt(m)).plaintext).toBe('group');
    const exported = utf8(receiver.export(0));
    expect(unchanged(exported, (k) => olm.InboundGroupSession.import(k)).sessionId).toBe(group.sessionId);

    const signature = utf8(alice.sign('signed'));
    unchanged(signature, (s) => olm.Utility.create().ed25519Verify(alice.identityKeys.ed25519, 'signed', s));

    const a = olm.Sas.create();
    const b = olm.Sas.create();
    unchanged(utf8(b.publicKey), (key) => a.setTheirKey(key));
    b.setTheirKey(a.publicKey);
    expect(a.generateBytes('info', 6)).toEqual(b.generateBytes('info', 6));
  });
});
