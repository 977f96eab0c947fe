// Olm accounts, sessions, pickles and signatures cross backends, and cross to and from @matrix-org/olm.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendName, Olm } from '../dist/index.js';
import { BACKENDS, loadAll, type Reference } from './backends.js';
import { converse, establish, publishOneTimeKey } from './olm-helpers.js';

let reference: Reference;
let olms: Record<BackendName, Olm>;

beforeAll(async () => {
  ({ reference, olms } = await loadAll());
});

/** The error code a call gives, from ours (OlmError.code) or the reference (Error('OLM.<CODE>')). */
function codeOf(run: () => unknown): string {
  try {
    run();
    return 'no error';
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message.replace(/^OLM\./, '');
  }
}

describe.each([
  ['native', 'wasm'],
  ['wasm', 'native'],
] as const)('Olm from %s to %s', (from, to) => {
  it('sets up a session and ratchets both ways', () => {
    const { outbound, inbound } = establish(olms[from], olms[to]);
    expect(inbound.sessionId).toBe(outbound.sessionId);
    for (let turn = 0; turn < 3; turn++) {
      converse(inbound, outbound, [`reply ${turn} ✓`]);
      converse(outbound, inbound, [`turn ${turn} ✓`, 'again']);
    }
  });

  it('moves account and session pickles, and checks signatures across', () => {
    const { alice, outbound, inbound } = establish(olms[from], olms[to]);
    alice.generateOneTimeKeys(2);
    const account = olms[to].Account.unpickle(alice.pickle('key ✓'), 'key ✓');
    expect(account.identityKeys).toEqual(alice.identityKeys);
    expect(account.oneTimeKeys).toEqual(alice.oneTimeKeys);
    expect(account.sign('message ✓')).toBe(alice.sign('message ✓'));
    olms[to].Utility.create().ed25519Verify(alice.identityKeys.ed25519, 'signed ✓', alice.sign('signed ✓'));

    const moved = olms[to].Session.unpickle(outbound.pickle('key'), 'key');
    expect(moved.describe()).toBe(outbound.describe());
    converse(moved, inbound, ['from the moved session']);
    converse(inbound, moved, ['to the moved session']);
  });

  it('computes the same SHA-256', () => {
    for (const input of ['', 'abc', 'héllo ✓']) {
      expect(olms[to].Utility.create().sha256(input)).toBe(olms[from].Utility.create().sha256(input));
    }
  });
});

describe.each(BACKENDS)('Olm between %s and @matrix-org/olm', (name) => {
  const newReferenceAccount = () => {
    const account = new reference.Account();
    account.create();
    return account;
  };
  const referenceIdentity = (account: InstanceType<Reference['Account']>) =>
    JSON.parse(account.identity_keys()) as { curve25519: string; ed25519: string };

  it('we start a session, the reference answers', () => {
    const alice = olms[name].Account.create();
    const bob = newReferenceAccount();
    bob.generate_one_time_keys(1);
    const [oneTimeKey] = Object.values(JSON.parse(bob.one_time_keys()).curve25519 as Record<string, string>);
    const outbound = olms[name].Session.createOutbound(alice, referenceIdentity(bob).curve25519, oneTimeKey!);
    const first = outbound.encrypt('hello reference ✓');
    const inbound = new reference.Session();
    inbound.create_inbound_from(bob, alice.identityKeys.curve25519, first.body);
    expect(inbound.decrypt(first.type, first.body)).toBe('hello reference ✓');
    bob.remove_one_time_keys(inbound);
    expect(inbound.session_id()).toBe(outbound.sessionId);
    for (let turn = 0; turn < 3; turn++) {
      const reply = inbound.encrypt(`reply ${turn} ✓`);
      expect(outbound.decrypt(reply.type as 0 | 1, reply.body)).toBe(`reply ${turn} ✓`);
      const message = outbound.encrypt(`turn ${turn} ✓`);
      expect(inbound.decrypt(message.type, message.body)).toBe(`turn ${turn} ✓`);
    }
    inbound.free();
    bob.free();
  });

  it('the reference starts a session, we answer', () => {
    const alice = newReferenceAccount();
    const bob = olms[name].Account.create();
    const outbound = new reference.Session();
    outbound.create_outbound(alice, bob.identityKeys.curve25519, publishOneTimeKey(bob));
    const first = outbound.encrypt('hello from the reference ✓');
    expect(first.type).toBe(0);
    const inbound = olms[name].Session.createInbound(bob, first.body);
    expect(inbound.matchesInboundFrom(referenceIdentity(alice).curve25519, first.body)).toBe(outbound.matches_inbound(first.body));
    expect(inbound.decrypt(0, first.body)).toBe('hello from the reference ✓');
    bob.removeOneTimeKeys(inbound);
    for (let turn = 0; turn < 3; turn++) {
      const reply = inbound.encrypt(`reply ${turn} ✓`);
      expect(outbound.decrypt(reply.type, reply.body)).toBe(`reply ${turn} ✓`);
      const message = outbound.encrypt(`turn ${turn} ✓`);
      expect(inbound.decrypt(message.type as 0 | 1, message.body)).toBe(`turn ${turn} ✓`);
    }
    outbound.free();
    alice.free();
  });

  it('account pickles cross both ways', () => {
    const ours = olms[name].Account.create();
    ours.generateOneTimeKeys(3);
    ours.generateFallbackKey();
    const theirs = new reference.Account();
    theirs.unpickle('pïckle ✓', ours.pickle('pïckle ✓'));
    expect(referenceIdentity(theirs)).toEqual(ours.identityKeys);
    expect(JSON.parse(theirs.one_time_keys()).curve25519).toEqual(ours.oneTimeKeys);
    expect(JSON.parse(theirs.unpublished_fallback_key()).curve25519).toEqual(ours.unpublishedFallbackKey);
    theirs.generate_one_time_keys(1);
    const back = olms[name].Account.unpickle(theirs.pickle('back ✓'), 'back ✓');
    expect(back.oneTimeKeys).toEqual(JSON.parse(theirs.one_time_keys()).curve25519);
    expect(back.sign('same ✓')).toBe(theirs.sign('same ✓'));
    theirs.free();
  });

  it('session pickles cross both ways', () => {
    const { outbound, inbound } = establish(olms[name], olms[name]);
    const theirs = new reference.Session();
    theirs.unpickle('k ✓', outbound.pickle('k ✓'));
    expect(theirs.session_id()).toBe(outbound.sessionId);
    const message = theirs.encrypt('from the reference copy');
    expect(inbound.decrypt(message.type as 0 | 1, message.body)).toBe('from the reference copy');
    const back = olms[name].Session.unpickle(theirs.pickle('k2'), 'k2');
    expect(back.describe()).toBe(theirs.describe());
    converse(inbound, back, ['to the round-tripped copy ✓']);
    theirs.free();
  });

  it('signatures verify both ways', () => {
    const ours = olms[name].Account.create();
    const theirs = newReferenceAccount();
    const utility = new reference.Utility();
    utility.ed25519_verify(ours.identityKeys.ed25519, 'signed by us ✓', ours.sign('signed by us ✓'));
    olms[name].Utility.create().ed25519Verify(referenceIdentity(theirs).ed25519, 'by them ✓', theirs.sign('by them ✓'));
    expect(utility.sha256('héllo ✓')).toBe(olms[name].Utility.create().sha256('héllo ✓'));
    utility.free();
    theirs.free();
  });

  it('bad input gives the same error codes as the reference', () => {
    const ours = olms[name].Account.create();
    const theirs = newReferenceAccount();
    const pickle = ours.pickle('right');
    for (const [key, bad] of [['wrong', pickle], ['right', pickle.slice(0, -4)], ['right', 'AAAAA'], ['right', 'garbage!']]) {
      const account = new reference.Account();
      expect(codeOf(() => olms[name].Account.unpickle(bad!, key!))).toBe(codeOf(() => account.unpickle(key!, bad!)));
      account.free();
    }
    const { outbound, inbound } = establish(olms[name], olms[name]);
    const message = outbound.encrypt('x').body;
    const tampered = message.slice(0, 30) + (message[30] === 'A' ? 'B' : 'A') + message.slice(31);
    const copy = new reference.Session();
    copy.unpickle('k', inbound.pickle('k'));
    for (const [type, body] of [[0, tampered], [1, message], [0, 'AAAAA'], [0, 'garbage!'], [0, message.slice(0, -2)]] as const) {
      expect(codeOf(() => inbound.decrypt(type, body))).toBe(codeOf(() => copy.decrypt(type, body)));
    }
    const utility = new reference.Utility();
    const { ed25519 } = ours.identityKeys;
    const signature = ours.sign('m');
    for (const [key, text, sig] of [[ed25519, 'n', signature], [ed25519, 'm', 'AAAA'], ['AAAA', 'm', signature], [ed25519, 'm', 'AAAAA']]) {
      expect(codeOf(() => olms[name].Utility.create().ed25519Verify(key!, text!, sig!))).toBe(
        codeOf(() => utility.ed25519_verify(key!, text!, sig!)),
      );
    }
    for (const bad of ['AAAA', 'AAAAA']) {
      const session = new reference.Session();
      const identity = referenceIdentity(theirs).curve25519;
      expect(codeOf(() => olms[name].Session.createOutbound(ours, identity, bad))).toBe(
        codeOf(() => session.create_outbound(theirs, identity, bad)),
      );
      session.free();
    }
    copy.free();
    utility.free();
    theirs.free();
  });
});
